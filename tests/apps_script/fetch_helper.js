// One HTTP request for run.js's UrlFetchApp stand-in: reads {url, method, headers, body} as
// JSON on stdin, writes {code, headers, body} (or {error}) as JSON on stdout.
'use strict';
const http = require('http');
const https = require('https');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const spec = JSON.parse(input);
  const url = new URL(spec.url);
  const client = url.protocol === 'https:' ? https : http;
  const body = spec.body === null || spec.body === undefined ? null : Buffer.from(spec.body, 'utf8');
  const headers = Object.assign({}, spec.headers);
  if (body !== null) headers['Content-Length'] = String(body.length);
  const request = client.request(url, { method: spec.method, headers, timeout: spec.timeout || 60000 },
    (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        process.stdout.write(JSON.stringify({
          code: response.statusCode,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }));
      });
    });
  request.on('timeout', () => request.destroy(new Error('Timeout')));
  request.on('error', (error) => {
    process.stdout.write(JSON.stringify({ error: error.code || error.message }));
  });
  if (body !== null) request.write(body);
  request.end();
});
