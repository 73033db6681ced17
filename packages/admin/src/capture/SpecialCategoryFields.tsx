import {
  DISABILITY_LABELS,
  ETHNIC_GROUPS,
  ETHNICITY_LABELS,
  Ethnicity,
  RELIGION_LABELS,
  type Disability,
  type Religion,
} from '@chorus/shared';
import { Fieldset, Select, Stack } from '@mantine/core';
import { TYPE_TO_CHOOSE } from '../common/typeToChoose';

export interface SpecialCategoryAnswers {
  ethnicity: Ethnicity | null;
  religion: Religion | null;
  disability: Disability | null;
}
export type SpecialCategoryField = keyof SpecialCategoryAnswers;
export const NO_ANSWERS: SpecialCategoryAnswers = { ethnicity: null, religion: null, disability: null };

// Built once: stable options keep a highlighted choice across renders. The Census groups its 19
// categories under five headings; "prefer not to say" sits first, where it is quickest to reach.
const PREFER_NOT = { value: Ethnicity.PREFER_NOT_TO_SAY, label: ETHNICITY_LABELS[Ethnicity.PREFER_NOT_TO_SAY] };
const ETHNICITY_OPTIONS = [
  PREFER_NOT,
  ...Object.values(ETHNIC_GROUPS).map((group) => ({
    group: group.label,
    items: group.categories.map((value) => ({ value, label: ETHNICITY_LABELS[value] })),
  })),
];
const listed = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
const RELIGION_OPTIONS = listed(RELIGION_LABELS);
const DISABILITY_OPTIONS = listed(DISABILITY_LABELS);

interface SpecialCategoryFieldsProps {
  answers: SpecialCategoryAnswers;
  onChange: (field: SpecialCategoryField, value: string | null) => void;
  messageFor: (field: SpecialCategoryField) => string | undefined;
  fieldRef: (field: SpecialCategoryField) => (element: HTMLInputElement | null) => void;
}

/** Ethnicity, religion and disability: each optional, asked only once the person agreed to share them. */
export function SpecialCategoryFields({ answers, onChange, messageFor, fieldRef }: SpecialCategoryFieldsProps) {
  const common = { placeholder: 'Not asked', clearable: true, ...TYPE_TO_CHOOSE };
  return (
    <Fieldset legend="Sensitive demographics (each optional; kept only with this consent)" variant="filled">
      <Stack gap="sm">
        <Select
          {...common}
          label="Ethnic group"
          description="The 2021 Census categories. Type to search."
          data={ETHNICITY_OPTIONS}
          value={answers.ethnicity}
          onChange={(value) => onChange('ethnicity', value)}
          nothingFoundMessage="No category like that"
          error={messageFor('ethnicity')}
          ref={fieldRef('ethnicity')}
        />
        <Select
          {...common}
          label="Religion"
          data={RELIGION_OPTIONS}
          value={answers.religion}
          onChange={(value) => onChange('religion', value)}
          nothingFoundMessage="No religion like that"
          error={messageFor('religion')}
          ref={fieldRef('religion')}
        />
        <Select
          {...common}
          label="Disability"
          description="Any physical or mental health condition lasting, or expected to last, 12 months or more, and whether it reduces day-to-day activities."
          data={DISABILITY_OPTIONS}
          value={answers.disability}
          onChange={(value) => onChange('disability', value)}
          nothingFoundMessage="No answer like that"
          error={messageFor('disability')}
          ref={fieldRef('disability')}
        />
      </Stack>
    </Fieldset>
  );
}
