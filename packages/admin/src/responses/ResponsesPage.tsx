import { PageTitle } from '../common/PageTitle';

export default function ResponsesPage() {
  return <PageTitle title="ResponsesPage">ResponsesPage</PageTitle>;
}
