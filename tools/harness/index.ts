export { runWorkflow, HARNESS_INPUT_NODE_NAME } from './runWorkflow';
export type {
	RunOptions,
	RunResult,
	WorkflowJson,
	WorkflowNodeJson,
	WorkflowConnectionsJson,
} from './runWorkflow';
export { HarnessCredentialsHelper } from './credentialsHelper';
export type { CredentialRequest } from './credentialsHelper';
export { HarnessNodeTypes, START_ITEMS_NODE_TYPE } from './nodeTypes';
export { harnessLogger, CapturingLogger } from './logger';
export { runPoll } from './runPoll';
export type { PollOptions, PollResult } from './runPoll';
