// Runs an Apps Script file (ProdDesk.gs) in node's vm with small stand-ins for the Apps Script
// services it uses, making real HTTP requests, and prints what a person would have seen.
//
//   node run.js scenario.json   (or the scenario as JSON on stdin)
//
// scenario: {
//   script: "path/to/ProdDesk.gs",
//   properties: {PRODDESK_URL: "...", PRODDESK_SECRET: "..."},   // Script Properties
//   spreadsheetId: "ID", timeZone: "America/Los_Angeles",
//   prompts: [{button: "OK", text: "3"}],                          // answers to ui.prompt, in turn
//   calls: [{fn: "onOpen"}, {fn: "PD_DAYPAY", args: ["$400/10", 13.5], custom: true}],
//   cache: false,                                                   // CacheService never hits
//   confirms: ["YES"],                  // answers to YES_NO alerts, in turn (default YES)
//   propertiesFile: "props.json",       // Script Properties kept between runs (as Google does)
//   gmail: {quota: 100, refuse: {"x@y.com": "why"}, killAfter: 3}
//                                       // MailApp quota; addresses Gmail refuses (the error
//                                       // text is the test's); stop the execution dead after
//                                       // that many sends, as Apps Script's time limit does
// }
// A call runs as a custom function (no UI, no toast, no setProperty) when custom is true or,
// by default, when its name starts with PD_.
// Arguments may hold {"$date": "2026-03-02T19:00:00"}: a Date at that wall-clock time in the
// spreadsheet's time zone, as Sheets hands date cells to custom functions.
// Output (JSON): {menus, alerts, prompts, toasts, results: [{fn, value} | {fn, error}],
//                 fetches: [{url, method, headers, payload, code}], logs,
//                 mails: [{recipient, subject, body, options}], killed}
'use strict';
const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

// The whole output reaches the reader before the process exits (a big record is more than
// one pipe buffer).
function writeAll(text) {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  let done = 0;
  while (done < data.length) {
    try {
      done += fs.writeSync(1, data, done, data.length - done);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

function readScenario() {
  const text = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : fs.readFileSync(0, 'utf8');
  return JSON.parse(text);
}

const scenario = readScenario();
const timeZone = scenario.timeZone || 'America/Los_Angeles';

// Dates are built from wall-clock times in the spreadsheet's zone: run under that TZ.
if (process.env.TZ !== timeZone) {
  const out = childProcess.execFileSync(process.execPath, [__filename], {
    input: JSON.stringify(scenario),
    env: Object.assign({}, process.env, { TZ: timeZone }),
    maxBuffer: 64 * 1024 * 1024,
  });
  writeAll(out);
  process.exit(0);
}

const record = { menus: [], alerts: [], prompts: [], toasts: [], results: [], fetches: [], logs: [],
  mails: [], killed: false };
const promptAnswers = (scenario.prompts || []).slice();
const confirmAnswers = (scenario.confirms || []).slice();
let inCustomFunction = false;

function refuseInCustomFunction(what) {
  if (inCustomFunction) {
    throw new Error(`Exception: You do not have permission to call ${what}`);
  }
}

// ---- Utilities ----------------------------------------------------------------------------

function toBuffer(value, charset) {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return Buffer.from(Array.from(value, (b) => b & 0xff));
  }
  return Buffer.from(String(value), charset === 'US_ASCII' ? 'latin1' : 'utf8');
}

function signedBytes(buffer) {
  return Array.from(new Int8Array(buffer.buffer, buffer.byteOffset, buffer.length));
}

const DIGESTS = { MD2: 'md2', MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384',
  SHA_512: 'sha512' };

function formatDate(date, zone, pattern) {
  const parts = {};
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  for (const part of formatter.formatToParts(new Date(date.getTime()))) parts[part.type] = part.value;
  const fields = { yyyy: parts.year.padStart(4, '0'), MM: parts.month, dd: parts.day,
    HH: parts.hour, mm: parts.minute, ss: parts.second };
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss|[A-Za-z]/g, (token, quoted) => {
    if (quoted !== undefined) return quoted;
    if (token in fields) return fields[token];
    throw new Error(`run.js: formatDate pattern letter '${token}' is not supported by the stand-in`);
  });
}

const Utilities = {
  Charset: { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' },
  DigestAlgorithm: Object.fromEntries(Object.keys(DIGESTS).map((k) => [k, k])),
  computeHmacSha256Signature(value, key, charset) {
    const mac = crypto.createHmac('sha256', toBuffer(key, charset));
    mac.update(toBuffer(value, charset));
    return signedBytes(mac.digest());
  },
  computeDigest(algorithm, value, charset) {
    const hash = crypto.createHash(DIGESTS[algorithm]);
    hash.update(toBuffer(value, charset));
    return signedBytes(hash.digest());
  },
  base64Encode(data, charset) {
    return toBuffer(data, charset).toString('base64');
  },
  base64Decode(encoded) {
    // Utilities.base64Decode(encoded): Byte[] (signed bytes, like every Apps Script byte array)
    return signedBytes(Buffer.from(String(encoded), 'base64'));
  },
  newBlob(data, contentType, name) {
    // Utilities.newBlob(data, contentType, name): a Blob of those bytes
    const bytes = toBuffer(data);
    return { getBytes: () => signedBytes(bytes), getContentType: () => contentType || null,
      getName: () => name || null, __bytes: bytes };
  },
  getUuid() {
    return crypto.randomUUID();
  },
  formatDate,
  sleep(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  },
};

// ---- UrlFetchApp ---------------------------------------------------------------------------

function httpResponse(answer) {
  return {
    getResponseCode: () => answer.code,
    getContentText: () => answer.body,
    getHeaders: () => answer.headers,
    getAllHeaders: () => answer.headers,
  };
}

const UrlFetchApp = {
  fetch(url, options) {
    const opts = options || {};
    const method = String(opts.method || 'get').toUpperCase();
    const headers = Object.assign({}, opts.headers || {});
    let body = null;
    if (opts.payload !== undefined && opts.payload !== null) {
      if (typeof opts.payload !== 'string') {
        throw new Error('run.js: only string payloads are supported by the stand-in');
      }
      body = opts.payload;
      headers['Content-Type'] = opts.contentType || 'application/x-www-form-urlencoded';
    }
    const out = childProcess.execFileSync(process.execPath, [path.join(__dirname, 'fetch_helper.js')], {
      input: JSON.stringify({ url, method, headers, body }),
      maxBuffer: 64 * 1024 * 1024,
    });
    const answer = JSON.parse(out.toString('utf8'));
    record.fetches.push({ url, method, headers, payload: body, code: answer.code || null,
      response: answer.body === undefined ? null : answer.body });
    if (answer.error) {
      throw new Error(`Exception: Address unavailable: ${url}`);
    }
    if (answer.code >= 400 && !opts.muteHttpExceptions) {
      throw new Error(`Exception: Request failed for ${url} returned code ${answer.code}. ` +
        `Truncated server response: ${answer.body.slice(0, 100)}`);
    }
    return httpResponse(answer);
  },
};

// ---- SpreadsheetApp, properties, cache, logger -----------------------------------------------

const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL' };

const ui = {
  Button,
  ButtonSet,
  createMenu(name) {
    const menu = { name, items: [], added: false };
    const builder = {
      addItem(label, functionName) { menu.items.push([label, functionName]); return builder; },
      addSeparator() { menu.items.push(['---', null]); return builder; },
      addToUi() { menu.added = true; record.menus.push(menu); },
    };
    return builder;
  },
  alert(...args) {
    // alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons)
    const [title, message] = args.length >= 3 ? [args[0], args[1]] : [null, args[0]];
    const buttons = args.length >= 3 ? args[2] : args[1];
    record.alerts.push({ title, message: String(message), buttons: buttons || ButtonSet.OK });
    if (buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL) {
      return Button[confirmAnswers.length ? confirmAnswers.shift() : 'YES'];
    }
    return Button.OK;
  },
  prompt(...args) {
    const [title, message] = args.length >= 3 ? [args[0], args[1]] : [null, args[0]];
    record.prompts.push({ title, message: String(message) });
    const answer = promptAnswers.shift();
    if (!answer) throw new Error('run.js: the script prompted but the scenario has no answer left');
    return { getSelectedButton: () => answer.button || Button.OK,
      getResponseText: () => String(answer.text || '') };
  },
};

const spreadsheet = {
  getId: () => scenario.spreadsheetId,
  getSpreadsheetTimeZone: () => timeZone,
  getName: () => scenario.spreadsheetName || 'Production Book',
  toast(message, title, seconds) {
    refuseInCustomFunction('Spreadsheet.toast');
    record.toasts.push({ message: String(message), title: title || null });
  },
};

const SpreadsheetApp = {
  getUi() {
    if (inCustomFunction) throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
    return ui;
  },
  getActiveSpreadsheet: () => spreadsheet,
  getActive: () => spreadsheet,
};

// Script Properties: kept in scenario.propertiesFile between runs when given (Google keeps
// them); a value over 9 kB is refused, as the Apps Script quotas page says ("Properties value
// size: 9 kB / val").
const propertiesFile = scenario.propertiesFile || null;
const properties = Object.assign({},
  propertiesFile && fs.existsSync(propertiesFile) ? JSON.parse(fs.readFileSync(propertiesFile, 'utf8')) : {},
  scenario.properties || {});
function saveProperties() {
  if (propertiesFile) fs.writeFileSync(propertiesFile, JSON.stringify(properties));
}
const PropertiesService = {
  getScriptProperties: () => ({
    getProperty: (key) => (key in properties ? String(properties[key]) : null),
    getProperties: () => Object.assign({}, properties),
    setProperty(key, value) {
      refuseInCustomFunction('PropertiesService setProperty');
      if (Buffer.byteLength(String(value), 'utf8') > 9 * 1024) {
        throw new Error('Exception: Argument too large: value');
      }
      properties[key] = String(value);
      saveProperties();
    },
    deleteProperty(key) {
      refuseInCustomFunction('PropertiesService deleteProperty');
      delete properties[key];
      saveProperties();
    },
  }),
};

// ---- GmailApp, MailApp -------------------------------------------------------------------
// GmailApp.sendEmail(recipient, subject, body, options) -> GmailApp; options as documented at
// developers.google.com/apps-script/reference/gmail/gmail-app#sendEmail(String,String,String,Object):
// attachments (BlobSource[]), bcc, cc, from, htmlBody, inlineImages, name, noReply, replyTo.
// MailApp.getRemainingDailyQuota() -> Integer (recipients left today). See README.md here.
const gmail = Object.assign({ quota: 100, refuse: {}, killAfter: null }, scenario.gmail || {});
const GMAIL_OPTIONS = ['attachments', 'bcc', 'cc', 'from', 'htmlBody', 'inlineImages', 'name',
  'noReply', 'replyTo'];
const GmailApp = {
  sendEmail(recipient, subject, body, options) {
    refuseInCustomFunction('GmailApp.sendEmail');
    if (arguments.length < 3 || typeof recipient !== 'string' || typeof subject !== 'string' ||
        typeof body !== 'string') {
      throw new Error('run.js: GmailApp.sendEmail(recipient, subject, body[, options]) takes three strings');
    }
    const opts = options || {};
    for (const key of Object.keys(opts)) {
      if (!GMAIL_OPTIONS.includes(key)) throw new Error(`run.js: GmailApp.sendEmail has no option ${key}`);
    }
    if (gmail.killAfter !== null && record.mails.length >= gmail.killAfter) {
      record.killed = true;  // the execution stops here, as at Apps Script's time limit
      writeAll(JSON.stringify(record));
      process.exit(0);
    }
    if (gmail.quota <= 0) throw new Error('Exception: Service invoked too many times for one day: email.');
    if (recipient in gmail.refuse) throw new Error(`Exception: ${gmail.refuse[recipient]}`);
    gmail.quota -= recipient.split(',').length;
    const attachments = (opts.attachments || []).map((blob) => {
      const bytes = Buffer.from(blob.getBytes().map((b) => b & 0xff));
      return { name: blob.getName(), contentType: blob.getContentType(), size: bytes.length,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        head: bytes.subarray(0, 8).toString('latin1') };
    });
    record.mails.push({ recipient, subject, body,
      options: Object.assign({}, opts, { attachments }) });
    return GmailApp;
  },
};
const MailApp = {
  getRemainingDailyQuota: () => gmail.quota,
};

const cacheStore = new Map();
const scriptCache = {
  get(key) {
    if (scenario.cache === false) return null;  // a cache that has just expired
    const hit = cacheStore.get(key);
    if (!hit || hit.until < Date.now()) return null;
    return hit.value;
  },
  put(key, value, seconds) {
    if (String(key).length > 250) throw new Error('Exception: Argument too large: key');
    if (String(value).length > 100 * 1024) throw new Error('Exception: Argument too large: value');
    cacheStore.set(key, { value: String(value), until: Date.now() + 1000 * (seconds || 600) });
  },
  remove(key) { cacheStore.delete(key); },
};
const CacheService = { getScriptCache: () => scriptCache, getDocumentCache: () => scriptCache };

const Logger = { log(...args) { record.logs.push(args.map(String).join(' ')); } };
const Session = { getScriptTimeZone: () => timeZone };

// ---- run ---------------------------------------------------------------------------------

const context = vm.createContext({
  Utilities, UrlFetchApp, SpreadsheetApp, PropertiesService, CacheService, Logger, Session,
  GmailApp, MailApp,
  console: { log: Logger.log },
});
const scriptPath = path.resolve(scenario.script || path.join(__dirname, '..', '..', 'macros', 'google', 'ProdDesk.gs'));
vm.runInContext(fs.readFileSync(scriptPath, 'utf8'), context, { filename: scriptPath });

context.__argsJson = '[]';
vm.runInContext(`
  function __args() {
    return JSON.parse(__argsJson, function (key, value) {
      if (value && typeof value === 'object' && !Array.isArray(value) && '$date' in value) {
        var m = /^(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2}))?)?$/.exec(value.$date);
        return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
      }
      return value;
    });
  }`, context);

const ContextDate = vm.runInContext('Date', context);

function plain(value) {
  if (value instanceof ContextDate || value instanceof Date) return { $date: value.toISOString() };
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

for (const call of scenario.calls || []) {
  if (typeof context[call.fn] !== 'function') {
    record.results.push({ fn: call.fn, error: `the script has no function ${call.fn}` });
    continue;
  }
  context.__argsJson = JSON.stringify(call.args || []);
  const args = context.__args();
  inCustomFunction = call.custom === undefined ? /^PD_/.test(call.fn) : Boolean(call.custom);
  try {
    record.results.push({ fn: call.fn, value: plain(context[call.fn](...args)) });
  } catch (error) {
    record.results.push({ fn: call.fn, error: String(error && error.message ? error.message : error) });
  } finally {
    inCustomFunction = false;
  }
}
writeAll(JSON.stringify(record));
