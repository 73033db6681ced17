import { PageTitle } from '../common/PageTitle';

export default function NewSessionPage() {
  return <PageTitle title="NewSessionPage">NewSessionPage</PageTitle>;
}
