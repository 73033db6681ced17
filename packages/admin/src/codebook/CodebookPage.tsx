import { PageTitle } from '../common/PageTitle';

export default function CodebookPage() {
  return <PageTitle title="CodebookPage">CodebookPage</PageTitle>;
}
