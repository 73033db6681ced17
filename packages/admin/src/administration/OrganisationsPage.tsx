import { PageTitle } from '../common/PageTitle';

export default function OrganisationsPage() {
  return <PageTitle title="OrganisationsPage">OrganisationsPage</PageTitle>;
}
