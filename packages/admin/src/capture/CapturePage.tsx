import { PageTitle } from '../common/PageTitle';

export default function CapturePage() {
  return <PageTitle title="CapturePage">CapturePage</PageTitle>;
}
