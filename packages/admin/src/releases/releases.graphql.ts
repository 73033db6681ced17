import { graphql } from '../gql';

export const ReleaseHistoryQuery = graphql(`
  query ReleaseHistory($first: Int!, $after: String) {
    releases(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          version
          status
          threshold
          contentHash
          tableCount
          cellCount
          createdAt
          publishedAt
        }
      }
    }
  }
`);

export const ReleaseTablesQuery = graphql(`
  query ReleaseTables($version: Int) {
    release(version: $version) {
      version
      method
      tables {
        name
        title
        rows
        columns
      }
    }
  }
`);

export const PublishReleaseMutation = graphql(`
  mutation PublishRelease {
    publishRelease {
      version
      status
    }
  }
`);

export const ReleaseScheduleQuery = graphql(`
  query ReleaseSchedule {
    releaseSchedule {
      frequency
      time
      weekday
      timeZone
      nextDueAt
      minimumChangedPeople
      changedPeople
    }
  }
`);

export const ReleaseRunsQuery = graphql(`
  query ReleaseRuns($first: Int!, $after: String) {
    releaseRuns(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          dueAt
          outcome
          changedPeople
          finishedAt
          release {
            version
          }
        }
      }
    }
  }
`);

export const SetReleaseScheduleMutation = graphql(`
  mutation SetReleaseSchedule($frequency: ReleaseFrequency!, $time: String, $weekday: Int) {
    setReleaseSchedule(frequency: $frequency, time: $time, weekday: $weekday) {
      frequency
      time
      weekday
      nextDueAt
    }
  }
`);
