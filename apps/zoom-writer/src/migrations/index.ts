import { CreateZoomWriterStore1764400000000 } from './1764400000000-create-zoom-writer-store';
import { CreateCommandQueue1764500000000 } from './1764500000000-create-command-queue';
import { IndexReadyCommands1764600000000 } from './1764600000000-index-ready-commands';
import { CommandPageHeadroom1764700000000 } from './1764700000000-command-page-headroom';

/** zoom-writer's migrations in order, for the app and for tests that build its schema. */
export const ZOOM_WRITER_MIGRATIONS = [CreateZoomWriterStore1764400000000, CreateCommandQueue1764500000000, IndexReadyCommands1764600000000, CommandPageHeadroom1764700000000];
