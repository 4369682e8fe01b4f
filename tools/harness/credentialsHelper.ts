import { ICredentialsHelper, NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export type CredentialTypeMap = Record<string, ICredentialType>;
export type CredentialDataMap = Record<string, ICredentialDataDecryptedObject>;

/** One `getDecrypted` call: which node asked for which credential type. */
export interface CredentialRequest {
	nodeName: string;
	type: string;
}

/**
 * The part of n8n's CLI `CredentialsHelper` a node execution touches, over in-memory data instead of the
 * database: credential data per type, defaults from the credential type's properties, and `authenticate`
 * applied the way n8n applies it (function form called; generic form's `={{$credentials.x}}` resolved by
 * n8n's own expression engine).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Every credential lookup, in order (tests can assert a node did or did not ask for credentials). */
	readonly requests: CredentialRequest[] = [];

	constructor(
		private readonly types: CredentialTypeMap,
		/** Mutable: `updateCredentials` writes here, like n8n persists refreshed tokens. */
		readonly data: CredentialDataMap,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
	}

	private getType(name: string): ICredentialType {
		const type = this.types[name];
		if (type === undefined) {
			throw new UnexpectedError(
				`Credential type "${name}" is not registered with the test harness (pass it in credentialTypes)`,
			);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.types[name];
		if (type?.extends === undefined) return [];
		return type.extends.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types[credentialType] as
			| (ICredentialType & { restrictToSupportedNodes?: boolean })
			| undefined;
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.getType(type).properties;
		const inherited = (this.getType(type).extends ?? []).flatMap((parent) =>
			this.types[parent] ? this.getCredentialsProperties(parent) : [],
		);
		// A property the type declares itself wins over a parent's of the same name (as in n8n).
		const ownNames = new Set(own.map((p) => p.name));
		return [...inherited.filter((p) => !ownNames.has(p.name)), ...own];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		executeData?: { node?: INode },
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		this.requests.push({ nodeName: executeData?.node?.name ?? nodeCredentials.name, type });
		const stored = this.data[type];
		if (stored === undefined) {
			throw new UnexpectedError(
				`The test harness has no data for credential type "${type}" (pass it in credentials)`,
			);
		}
		// A copy each time: a node that mutates what it got must not change the next execution's credentials.
		const copy = structuredClone(stored);
		if (raw === true) return copy;
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			copy as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject | null;
		return { ...copy, ...(withDefaults ?? {}) };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (authenticate === undefined) return requestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (authenticate.type !== 'generic') return requestOptions;

		requestOptions.headers ??= {};
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
				const resolvedKey = this.resolveValue(key, credentials, workflow, node);
				const resolvedValue = this.resolveValue(value, credentials, workflow, node);
				target[outerKey] ??= {};
				target[outerKey][String(resolvedKey)] = resolvedValue;
			}
		}
		return requestOptions;
	}

	/** n8n resolves `={{…}}` in `authenticate` with only `$credentials` in scope, in mode 'internal'. */
	private resolveValue(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow | undefined,
		node: INode | undefined,
	): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const contextNode: INode = node ?? {
			id: 'harness-credentials',
			name: 'Harness Credentials',
			type: 'test.credentials',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const contextWorkflow =
			workflow ??
			new Workflow({
				nodes: [contextNode],
				connections: {},
				active: false,
				nodeTypes: this.nodeTypes,
			});
		const resolved = contextWorkflow.expression.getSimpleParameterValue(
			contextNode,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		// As in n8n: empty results become '' and everything else a string (header values are strings).
		return resolved ? resolved.toString() : '';
	}

	/** n8n's rule: only credential types with a hidden `expirable` property pre-authenticate. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable === undefined || type.preAuthentication === undefined) return undefined;
		if (
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined &&
			!credentialsExpired
		) {
			return undefined;
		}
		const output = (await type.preAuthentication.call(helpers, credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
		if (output) this.data[typeName] = { ...(this.data[typeName] ?? {}), ...output };
		return output;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return (await this.getType(typeName).preAuthentication?.call(helpers, credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async getCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		throw new UnexpectedError(
			`The test harness keeps credentials decrypted only; getCredentials("${type}") (encrypted form) is not supported`,
		);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = { ...(this.data[type] ?? {}), ...structuredClone(data) };
	}
}
