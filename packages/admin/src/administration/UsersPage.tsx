import { PageTitle } from '../common/PageTitle';

export default function UsersPage() {
  return <PageTitle title="UsersPage">UsersPage</PageTitle>;
}
