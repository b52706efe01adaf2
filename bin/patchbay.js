#!/usr/bin/env node
// The project is TypeScript end to end; tsx compiles it on load so there is no separate build of the server.
import { register } from 'tsx/esm/api';

register();
await import('../backend/cli.ts');
