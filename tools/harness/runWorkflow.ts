/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import { setSafeRegexEngine, UnexpectedError, Workflow } from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IPinData,
	IRun,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentialsHelper';
import type { CredentialRequest } from './credentialsHelper';
import { installHarnessLogger } from './logger';
import { HarnessNodeTypes, START_ITEMS_NODE_TYPE, startItemsNodeType } from './nodeTypes';

// n8n checks parameters' regexes (e.g. the Customer locator's) in a vm with a 250 ms wall-clock timeout,
// which a busy 2-core machine running three Jest workers can exceed for a trivial pattern. The tests run
// only the node's own fixed patterns, so they use the native engine: a ReDoS guard is not what they test.
setSafeRegexEngine({
	exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
	test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
	replace: (pattern, input, flags, replacement) =>
		input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern, input, flags) =>
		Array.from(
			input.matchAll(new RegExp(pattern, (flags ?? '').includes('g') ? flags : `${flags ?? ''}g`)),
		),
	split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
});

/** Name of the node the harness puts in front of `startAt` when `inputItems` is given. */
export const HARNESS_INPUT_NODE_NAME = 'Harness Input';

/**
 * A node as found in a saved workflow's JSON. Looser than `INode` so that JSON files imported with
 * `resolveJsonModule` (where `"onError": "continueRegularOutput"` is typed `string`) are accepted as they are;
 * `id` and `position` are filled in when missing.
 */
export type WorkflowNodeJson = Omit<INode, 'id' | 'position' | 'onError'> & {
	id?: string;
	position?: number[];
	onError?: string;
};

/** Connections as saved (`{ "A": { "main": [[{ "node": "B", "type": "main", "index": 0 }]] } }`). */
export type WorkflowConnectionsJson = Record<
	string,
	Record<string, Array<Array<{ node: string; type: string; index: number }> | null>>
>;

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNodeJson[];
	connections: WorkflowConnectionsJson | IConnections;
	/** Defaults to `{ executionOrder: 'v1' }`, what n8n gives every new workflow. */
	settings?: IWorkflowSettings | IDataObject;
	staticData?: IDataObject;
	pinData?: IPinData;
}

export interface RunOptions {
	/** Node types by full type name, e.g. `{ 'n8n-nodes-customer-account-fields.customerAccountFields': new CustomerAccountFields() }`. */
	nodes: Record<string, INodeType | IVersionedNodeType>;
	/** Credential types by name, e.g. `{ customerAccountFieldsApi: new CustomerAccountFieldsApi() }`. */
	credentialTypes?: Record<string, ICredentialType>;
	/** Decrypted credential data by credential type name: what a node gets when it asks for that type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	workflow: WorkflowJson;
	/**
	 * Items to feed in: the harness adds a node "Harness Input" that emits them (each paired to the single
	 * trigger item) and connects it to `startAt`.
	 */
	inputItems?: IDataObject[];
	/**
	 * The node execution starts at (with `inputItems`: the node they are fed to). Defaults to the workflow's
	 * trigger node if it has one, else to its only node without incoming connections.
	 */
	startAt?: string;
	/** Defaults to 'manual' (a user pressing "Execute workflow"); 'trigger' is a production run. */
	mode?: WorkflowExecuteMode;
	/** Pinned output per node name (added to any `pinData` in the workflow JSON). */
	pinData?: IPinData;
	/** Stops the execution this long after it started, as the editor's "Stop" button does (n8n's cancel signal fires). */
	cancelAfterMs?: number;
}

export interface RunResult {
	/** The full run result, as n8n stores it for an execution. */
	data: IRun;
	/** Items on output `outputIndex` of the last run of `nodeName` ([] if it ran but produced none there). */
	outputOf(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** Every run of `nodeName` (task data: items, error, timing, source). */
	runsOf(nodeName: string): ITaskData[];
	/** `data.data.resultData.error`: n8n returns a workflow's error in the result, it does not throw it. */
	error?: ExecutionError;
	/** Every line logged while the workflow ran: by nodes (`this.logger`) and by n8n itself, with metadata. */
	logs: string[];
	/** Each credential lookup made by a node, in order. */
	credentialRequests: CredentialRequest[];
	/** Credential data after the run (changed only if n8n updated it, e.g. pre-authentication). */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** With `cancelAfterMs`: when the execution was cancelled (epoch ms). */
	cancelledAt?: number;
}

function toNodes(nodes: WorkflowNodeJson[]): INode[] {
	return nodes.map((node, index) => ({
		...structuredClone(node),
		id: node.id ?? randomUUID(),
		position: (node.position as [number, number] | undefined) ?? [index * 200, 0],
	})) as INode[];
}

function nodesWithoutIncomingMain(nodes: INode[], connections: IConnections): string[] {
	const targets = new Set<string>();
	for (const outputs of Object.values(connections)) {
		for (const slot of outputs.main ?? []) for (const c of slot ?? []) targets.add(c.node);
	}
	return nodes.filter((n) => !targets.has(n.name)).map((n) => n.name);
}

function pickStartNode(
	workflow: Workflow,
	nodes: INode[],
	connections: IConnections,
	startAt?: string,
): string {
	if (startAt !== undefined) {
		if (workflow.getNode(startAt) === null)
			throw new UnexpectedError(`startAt: no node named "${startAt}"`);
		return startAt;
	}
	const trigger = workflow.getStartNode();
	if (trigger) return trigger.name;
	const roots = nodesWithoutIncomingMain(nodes, connections);
	if (roots.length !== 1) {
		throw new UnexpectedError(
			`Cannot tell where to start (nodes without incoming connections: ${roots.join(', ') || 'none'}); pass startAt`,
		);
	}
	return roots[0];
}

export function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
	workflowId: string,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678/';
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		variables: {},
		// n8n builds resume URLs with `new URL(...)` from these, so they must be absolute.
		instanceBaseUrl: base,
		restApiUrl: `${base}rest`,
		webhookBaseUrl: `${base}webhook`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		webhookTestBaseUrl: `${base}webhook-test`,
		formBaseUrl: `${base}form`,
		formWaitingBaseUrl: `${base}form-waiting`,
		formTestBaseUrl: `${base}form-test`,
		mcpBaseUrl: `${base}mcp`,
		mcpTestBaseUrl: `${base}mcp-test`,
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => {},
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('A task runner (Code node)'),
	} as IWorkflowExecuteAdditionalData;
}

export async function runWorkflow(opts: RunOptions): Promise<RunResult> {
	const logger = installHarnessLogger();
	const mode = opts.mode ?? 'manual';
	const nodes = toNodes(opts.workflow.nodes);
	const connections = structuredClone(opts.workflow.connections) as IConnections;

	const types: Record<string, INodeType | IVersionedNodeType> = { ...opts.nodes };
	if (opts.inputItems !== undefined) {
		if (nodes.some((n) => n.name === HARNESS_INPUT_NODE_NAME)) {
			throw new UnexpectedError(
				`The workflow already has a node named "${HARNESS_INPUT_NODE_NAME}"`,
			);
		}
		types[START_ITEMS_NODE_TYPE] = startItemsNodeType(structuredClone(opts.inputItems));
	}
	const nodeTypes = new HarnessNodeTypes(types);

	const workflowId = opts.workflow.id ?? 'harness-workflow';
	const settings = (opts.workflow.settings ?? { executionOrder: 'v1' }) as IWorkflowSettings;
	const newWorkflow = (withNodes: INode[]) =>
		new Workflow({
			id: workflowId,
			name: opts.workflow.name ?? 'Harness workflow',
			nodes: withNodes,
			connections,
			active: false,
			nodeTypes,
			staticData: structuredClone(opts.workflow.staticData ?? {}),
			settings,
		});

	let workflow = newWorkflow(nodes);
	let startNodeName = pickStartNode(workflow, nodes, connections, opts.startAt);
	if (opts.inputItems !== undefined) {
		nodes.unshift({
			id: randomUUID(),
			name: HARNESS_INPUT_NODE_NAME,
			type: START_ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [-200, 0],
			parameters: {},
		});
		connections[HARNESS_INPUT_NODE_NAME] = {
			main: [[{ node: startNodeName, type: 'main', index: 0 }]],
		};
		workflow = newWorkflow(nodes);
		startNodeName = HARNESS_INPUT_NODE_NAME;
	}

	const credentialsHelper = new HarnessCredentialsHelper(
		opts.credentialTypes ?? {},
		structuredClone(opts.credentials ?? {}),
		nodeTypes,
	);
	const executionId = randomUUID();
	const workflowData = {
		id: workflowId,
		name: workflow.name,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings,
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId, workflowId);

	const pinData = { ...(opts.workflow.pinData ?? {}), ...(opts.pinData ?? {}) };
	const capture = logger.capture();
	let run: IRun;
	let cancelledAt: number | undefined;
	let cancelTimer: NodeJS.Timeout | undefined;
	// Throws (rather than returning an error) only before any node runs, e.g. WorkflowHasIssuesError for a
	// missing required parameter: that is a broken test setup, not a result.
	try {
		const execution = new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode: workflow.getNode(startNodeName) ?? undefined,
			pinData: Object.keys(pinData).length > 0 ? pinData : undefined,
		});
		if (opts.cancelAfterMs !== undefined) {
			cancelTimer = setTimeout(() => {
				cancelledAt = Date.now();
				execution.cancel();
			}, opts.cancelAfterMs);
		}
		run = await execution;
	} finally {
		clearTimeout(cancelTimer);
		capture.stop();
	}

	const runData = run.data.resultData.runData;
	const runsOf = (nodeName: string): ITaskData[] => {
		if (workflow.getNode(nodeName) === null) {
			throw new UnexpectedError(`The workflow has no node named "${nodeName}"`);
		}
		return runData[nodeName] ?? [];
	};
	return {
		data: run,
		error: run.data.resultData.error,
		logs: capture.lines,
		credentialRequests: credentialsHelper.requests,
		credentials: credentialsHelper.data,
		cancelledAt,
		runsOf,
		outputOf(nodeName: string, outputIndex = 0): INodeExecutionData[] {
			const runs = runsOf(nodeName);
			if (runs.length === 0) {
				const ran = Object.keys(runData).join(', ') || 'none';
				throw new UnexpectedError(`Node "${nodeName}" did not run (nodes that ran: ${ran})`);
			}
			return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
		},
	};
}
