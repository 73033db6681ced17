import { PageTitle } from '../common/PageTitle';

export default function EditSessionPage() {
  return <PageTitle title="EditSessionPage">EditSessionPage</PageTitle>;
}
