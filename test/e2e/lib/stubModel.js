'use strict';
/**
 * A scripted stand-in for an OpenAI-compatible chat model, on 127.0.0.1 (port 0: a free one).
 * n8n's OpenAI Chat Model node reaches it through the OpenAI credential's Base URL.
 *
 * `decide(request, step)` is called for every POST …/chat/completions. `step` counts the tool-call
 * turns already in the conversation (the agent sends the whole conversation each time), so the
 * script is stateless. It returns `{ toolCall: { name, arguments } }` or `{ content }`.
 * Every request body is kept in `requests` (raw text and parsed), for checks on what the model saw.
 * Answers plain JSON, or server-sent events when the request asks for `stream: true`.
 */
const http = require('http');

function toolTurns(messages) {
	return (messages || []).filter(
		(m) => m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length > 0,
	).length;
}

function completion(model, answer, callId) {
	const message = answer.toolCall
		? {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: callId,
						type: 'function',
						function: {
							name: answer.toolCall.name,
							arguments: JSON.stringify(answer.toolCall.arguments),
						},
					},
				],
			}
		: { role: 'assistant', content: answer.content };
	return {
		id: `chatcmpl-${callId}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{ index: 0, message, logprobs: null, finish_reason: answer.toolCall ? 'tool_calls' : 'stop' },
		],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

function streamed(res, model, answer, callId) {
	const base = {
		id: `chatcmpl-${callId}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model,
	};
	const send = (choice) =>
		res.write(
			`data: ${JSON.stringify({ ...base, choices: [{ index: 0, logprobs: null, ...choice }] })}\n\n`,
		);
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	if (answer.toolCall) {
		const call = {
			index: 0,
			id: callId,
			type: 'function',
			function: {
				name: answer.toolCall.name,
				arguments: JSON.stringify(answer.toolCall.arguments),
			},
		};
		send({ delta: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: null });
		send({ delta: {}, finish_reason: 'tool_calls' });
	} else {
		send({ delta: { role: 'assistant', content: answer.content }, finish_reason: null });
		send({ delta: {}, finish_reason: 'stop' });
	}
	res.write(
		`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`,
	);
	res.end('data: [DONE]\n\n');
}

/** Starts the stub; resolves to { baseUrl, requests, stop() }. */
async function startStubModel({ decide, port = 0 }) {
	const requests = [];
	let calls = 0;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const reply = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method === 'GET' && /\/models$/.test(req.url)) {
				return reply(200, {
					object: 'list',
					data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'stub' }],
				});
			}
			if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url)) {
				requests.push({
					url: req.url,
					method: req.method,
					raw,
					headers: req.headers,
					unexpected: true,
				});
				return reply(404, {
					error: {
						message: `the stub model has no ${req.method} ${req.url}`,
						type: 'invalid_request_error',
					},
				});
			}
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				return reply(400, {
					error: { message: 'body is not JSON', type: 'invalid_request_error' },
				});
			}
			const step = toolTurns(body.messages);
			const entry = { url: req.url, method: req.method, raw, headers: req.headers, body, step };
			requests.push(entry);
			let answer;
			try {
				answer = decide(body, step);
			} catch (err) {
				entry.scriptError = err;
				answer = { content: `stub script stopped: ${err.message}` };
			}
			entry.answer = answer;
			calls += 1;
			const callId = `call_${calls}`;
			if (body.stream) return streamed(res, body.model, answer, callId);
			return reply(200, completion(body.model, answer, callId));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const { port: bound } = server.address();
	return {
		baseUrl: `http://127.0.0.1:${bound}/v1`,
		requests,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startStubModel, toolTurns };
