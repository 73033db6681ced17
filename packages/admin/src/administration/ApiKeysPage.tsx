import { PageTitle } from '../common/PageTitle';

export default function ApiKeysPage() {
  return <PageTitle title="ApiKeysPage">ApiKeysPage</PageTitle>;
}
