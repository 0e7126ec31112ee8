/**
 * What other workspaces import from counter-output; nothing yet, since only its own CLI and tests
 * use it. Export a module's names here when an app or another package starts to import them.
 */
export {};
