import { Checkbox, Select, Stack } from '@mantine/core';
import { useMemo, type Ref } from 'react';
import { options } from '../common/labels';
import { TYPE_TO_CHOOSE } from '../common/typeToChoose';

export type PersonField = 'connections' | 'areaId' | 'ageBand';

interface PersonFieldsProps {
  areas: readonly { id: string; name: string }[];
  connections: string[];
  onConnectionsChange: (value: string[]) => void;
  areaId: string | null;
  onAreaChange: (value: string | null) => void;
  ageBand: string | null;
  onAgeBandChange: (value: string | null) => void;
  messageFor: (field: PersonField) => string | undefined;
  firstConnectionRef: Ref<HTMLInputElement>;
  fieldRef: (field: 'areaId' | 'ageBand') => (element: HTMLInputElement | null) => void;
}

/** Who the person is, as the capture and type-up screens ask it: connection to the city, area, age band. */
export function PersonFields({
  areas,
  connections,
  onConnectionsChange,
  areaId,
  onAreaChange,
  ageBand,
  onAgeBandChange,
  messageFor,
  firstConnectionRef,
  fieldRef,
}: PersonFieldsProps) {
  // Stable across renders, so a highlighted option survives them (see `options`).
  const areaOptions = useMemo(() => areas.map((area) => ({ value: area.id, label: area.name })), [areas]);
  return (
    <>
      <Checkbox.Group
        label="Connection to the city"
        description="Tick all that apply."
        withAsterisk
        value={connections}
        onChange={onConnectionsChange}
        error={messageFor('connections')}
      >
        <Stack gap={6} mt={6}>
          {options('connection').map((option, index) => (
            <Checkbox
              key={option.value}
              value={option.value}
              label={option.label}
              ref={index === 0 ? firstConnectionRef : undefined}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Select
        label="Area"
        description="Where they live or spend most time. Type to search."
        placeholder="Not given"
        data={areaOptions}
        value={areaId}
        onChange={onAreaChange}
        {...TYPE_TO_CHOOSE}
        clearable
        nothingFoundMessage="No area by that name"
        error={messageFor('areaId')}
        ref={fieldRef('areaId')}
      />
      <Select
        label="Age band"
        placeholder="Not given"
        data={options('ageBand')}
        value={ageBand}
        onChange={onAgeBandChange}
        {...TYPE_TO_CHOOSE}
        clearable
        nothingFoundMessage="No age band like that"
        error={messageFor('ageBand')}
        ref={fieldRef('ageBand')}
      />
    </>
  );
}
