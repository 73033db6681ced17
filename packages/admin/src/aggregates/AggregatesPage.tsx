import { PageTitle } from '../common/PageTitle';

export default function AggregatesPage() {
  return <PageTitle title="AggregatesPage">AggregatesPage</PageTitle>;
}
