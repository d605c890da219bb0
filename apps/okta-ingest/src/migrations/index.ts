import { CreateIngestStore1764400000000 } from './1764400000000-create-ingest-store';
import { CreateGroupsAndFilterIndexes1764500000000 } from './1764500000000-create-groups-and-filter-indexes';
import { UserPageHeadroom1764700000000 } from './1764700000000-user-page-headroom';

/** okta-ingest's migrations in order, for the app and for tests that build its schema. */
export const OKTA_INGEST_MIGRATIONS = [CreateIngestStore1764400000000, CreateGroupsAndFilterIndexes1764500000000, UserPageHeadroom1764700000000];
