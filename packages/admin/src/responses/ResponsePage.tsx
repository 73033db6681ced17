import { PageTitle } from '../common/PageTitle';

export default function ResponsePage() {
  return <PageTitle title="ResponsePage">ResponsePage</PageTitle>;
}
