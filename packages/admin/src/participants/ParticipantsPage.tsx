import { PageTitle } from '../common/PageTitle';

export default function ParticipantsPage() {
  return <PageTitle title="ParticipantsPage">ParticipantsPage</PageTitle>;
}
