import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, PollContext, TriggersAndPollers } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWorkflowBase,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentialsHelper';
import { installHarnessLogger } from './logger';
import { Container } from './n8nCore';
import { HarnessNodeTypes } from './nodeTypes';
import { buildAdditionalData, type WorkflowNodeJson } from './runWorkflow';

export interface PollOptions {
	/** The polling node's type by full type name. */
	nodes: Record<string, INodeType>;
	credentialTypes?: Record<string, ICredentialType>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	node: WorkflowNodeJson;
	/** The workflow's static data as n8n saved it after the previous poll (`{ "node:<name>": {…} }`). */
	staticData?: IDataObject;
	/** 'trigger' (default): an active workflow's poll; 'manual': "Fetch Test Event". */
	mode?: 'trigger' | 'manual';
	activation?: WorkflowActivateMode;
}

export interface PollResult {
	/** What the poll returned on its first output (null: nothing new, the engine starts no execution). */
	items: INodeExecutionData[] | null;
	/** The workflow's static data after the poll, as n8n would save it. */
	staticData: IDataObject;
	error?: Error;
	logs: string[];
}

/**
 * One poll of a polling trigger the way an active workflow runs it: n8n-core's PollContext (static data,
 * credentials, authenticated requests) handed to the engine's TriggersAndPollers.runPollFunction.
 */
export async function runPoll(opts: PollOptions): Promise<PollResult> {
	const logger = installHarnessLogger();
	const mode = opts.mode ?? 'trigger';
	const node = {
		...structuredClone(opts.node),
		id: opts.node.id ?? 'poll-node',
		position: [0, 0],
	} as INode;
	const nodeTypes = new HarnessNodeTypes(opts.nodes);
	const workflow = new Workflow({
		id: 'harness-poll-workflow',
		name: 'Harness poll workflow',
		nodes: [node],
		connections: {},
		active: mode === 'trigger',
		nodeTypes,
		staticData: structuredClone(opts.staticData ?? {}),
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new HarnessCredentialsHelper(
		opts.credentialTypes ?? {},
		structuredClone(opts.credentials ?? {}),
		nodeTypes,
	);
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		active: true,
		nodes: [node],
		connections: {},
		settings: {},
	} as unknown as IWorkflowBase;
	const executionId = randomUUID();
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId, workflow.id);
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		opts.activation ?? (mode === 'manual' ? 'manual' : 'activate'),
	);

	const capture = logger.capture();
	let items: INodeExecutionData[] | null = null;
	let error: Error | undefined;
	try {
		const result = await Container.get(TriggersAndPollers).runPollFunction(workflow, node, context);
		items = result?.[0] ?? null;
	} catch (caught) {
		error = caught as Error;
	} finally {
		capture.stop();
	}
	const staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	delete staticData.__dataChanged;
	return { items, staticData, error, logs: capture.lines };
}
