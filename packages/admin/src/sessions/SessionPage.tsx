import { PageTitle } from '../common/PageTitle';

export default function SessionPage() {
  return <PageTitle title="SessionPage">SessionPage</PageTitle>;
}
