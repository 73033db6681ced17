import { PageTitle } from '../common/PageTitle';

export default function SessionsPage() {
  return <PageTitle title="SessionsPage">SessionsPage</PageTitle>;
}
