import { PageTitle } from '../common/PageTitle';

export default function CodingPage() {
  return <PageTitle title="CodingPage">CodingPage</PageTitle>;
}
