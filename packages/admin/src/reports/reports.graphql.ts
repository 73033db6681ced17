import { graphql } from '../gql';

export const BoardReportsQuery = graphql(`
  query BoardReports($first: Int!, $after: String) {
    boardReports(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          version
          releaseVersion
          status
          progress
          stage
          figureCount
          quoteCount
          quotesLeftOut
          containsWithdrawnQuote
          createdAt
          builtAt
          publishedAt
          htmlPath
          pdfPath
        }
      }
    }
  }
`);

/** Read again every second while a build runs, for the progress bar. */
export const BoardReportProgressQuery = graphql(`
  query BoardReportProgress($version: Int!) {
    boardReport(version: $version) {
      version
      status
      progress
      stage
      figureCount
      quoteCount
      quotesLeftOut
      builtAt
    }
  }
`);

/** The releases a report can be built from: the newest first page, of which the published ones. */
export const ReportReleasesQuery = graphql(`
  query ReportReleases($first: Int!) {
    releases(first: $first) {
      edges {
        node {
          version
          status
          publishedAt
        }
      }
    }
  }
`);

export const ReportNarrativesQuery = graphql(`
  query ReportNarratives {
    reportNarratives {
      section
      title
      markdown
      updatedAt
    }
  }
`);

export const SetReportNarrativeMutation = graphql(`
  mutation SetReportNarrative($section: ReportSection!, $markdown: String!) {
    setReportNarrative(section: $section, markdown: $markdown) {
      section
      title
      markdown
      updatedAt
    }
  }
`);

export const BuildReportMutation = graphql(`
  mutation BuildReport($releaseVersion: Int) {
    buildReport(releaseVersion: $releaseVersion) {
      version
      status
      progress
      stage
    }
  }
`);

export const PublishReportMutation = graphql(`
  mutation PublishReport($version: Int!) {
    publishReport(version: $version) {
      version
      publishedAt
    }
  }
`);
