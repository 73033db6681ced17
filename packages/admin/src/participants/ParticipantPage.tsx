import { PageTitle } from '../common/PageTitle';

export default function ParticipantPage() {
  return <PageTitle title="ParticipantPage">ParticipantPage</PageTitle>;
}
