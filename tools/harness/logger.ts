/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { inspect } from 'node:util';

import { LoggerProxy } from 'n8n-workflow';
import type { Logger as WorkflowLogger, LogMetadata } from 'n8n-workflow';

import { Container, CoreLoggerClass } from './n8nCore';

type Level = 'error' | 'warn' | 'info' | 'debug';

/** Renders metadata fully (errors with message and stack, nested objects, circular refs) so a leak is visible. */
function renderMetadata(metadata: LogMetadata | undefined): string {
	if (metadata === undefined || Object.keys(metadata).length === 0) return '';
	return (
		' ' +
		inspect(metadata, { depth: 8, breakLength: Infinity, compact: true, maxStringLength: null })
	);
}

/**
 * A Logger that records every line instead of printing it. Installed as n8n-core's `Logger`
 * (what a node gets as `this.logger`) and as n8n-workflow's `LoggerProxy` (engine-internal logging).
 */
export class CapturingLogger implements WorkflowLogger {
	private readonly sinks = new Set<string[]>();

	/**
	 * Starts collecting lines into a new array; `stop()` ends it. Overlapping captures (two workflows
	 * running at once) each receive every line logged while they are open.
	 */
	capture(): { lines: string[]; stop: () => void } {
		const lines: string[] = [];
		this.sinks.add(lines);
		return { lines, stop: () => this.sinks.delete(lines) };
	}

	error(message: string, metadata?: LogMetadata) {
		this.record('error', message, metadata);
	}

	warn(message: string, metadata?: LogMetadata) {
		this.record('warn', message, metadata);
	}

	info(message: string, metadata?: LogMetadata) {
		this.record('info', message, metadata);
	}

	debug(message: string, metadata?: LogMetadata) {
		this.record('debug', message, metadata);
	}

	/** backend-common's Logger API: services ask for a scoped child; ours shares the same buffer. */
	scoped() {
		return this;
	}

	private record(level: Level, message: unknown, metadata?: LogMetadata) {
		const text = typeof message === 'string' ? message : inspect(message, { depth: 8 });
		const line = `${level}: ${text}${renderMetadata(metadata)}`;
		for (const sink of this.sinks) sink.push(line);
	}
}

/**
 * The one logger of this module registry (each Jest test file has its own). Services that n8n-core builds
 * once (ErrorReporter, OutboundHttp, InstanceSettings) keep the logger they were built with, so it is
 * installed once and never replaced; runs differ only in their capture.
 */
export const harnessLogger = new CapturingLogger();

let installed = false;

export function installHarnessLogger(): CapturingLogger {
	if (!installed) {
		Container.set(CoreLoggerClass, harnessLogger);
		installed = true;
	}
	// Cheap, and guards against anything else having re-initialised the proxy in between.
	LoggerProxy.init(harnessLogger);
	return harnessLogger;
}
