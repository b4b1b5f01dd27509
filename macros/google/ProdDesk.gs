/**
 * ProdDesk for Google Sheets: the "ProdDesk" menu and the PD_* sheet functions.
 *
 * Everything is done by a `proddesk serve` server (see README.md beside this file). Set two
 * Script Properties (Extensions > Apps Script > Project Settings > Script Properties):
 *   PRODDESK_URL     the server's address, e.g. https://proddesk.example.com
 *   PRODDESK_SECRET  this production's secret (its `secrets` in the server's productions.toml)
 * and, for "Send call sheet", optionally:
 *   PRODDESK_FROM_NAME  the sender name on the messages (default: your Google account's name)
 *   PRODDESK_REPLY_TO   where replies go (default: your own Gmail address)
 *
 * Every request is JSON, signed with headers X-ProdDesk-Timestamp (unix seconds) and
 * X-ProdDesk-Signature (hex HMAC-SHA256 of timestamp + "." + body with the production's secret).
 * The body carries a "nonce" field, a new random UUID for every request: the server requires
 * it and refuses a nonce it has already seen (a replay), so two identical formulas calculated
 * in the same second are two requests. Every request sends this spreadsheet's id
 * ("spreadsheet_id"): the server checks the signature with that production's own secret and only
 * reads books listed in its configuration.
 */

var PRODDESK_MENU = 'ProdDesk';
var PRODDESK_CACHE_SECONDS = 120;
var PRODDESK_BOOK_CACHE_SECONDS = 30;  // as long as the server keeps a book
var PRODDESK_NOT_SET_UP =
  'the Script Properties PRODDESK_URL and PRODDESK_SECRET are not set ' +
  '(Extensions > Apps Script > Project Settings > Script Properties).';

// ---- menu ---------------------------------------------------------------------------------

/** Adds the ProdDesk menu when the spreadsheet opens. */
function onOpen(e) {
  SpreadsheetApp.getUi()
    .createMenu(PRODDESK_MENU)
    .addItem('Check book', 'proddeskCheckBook')
    .addItem('Clear checks', 'proddeskClearChecks')
    .addItem('Call sheet for day…', 'proddeskCallSheet')
    .addItem('Day Out of Days', 'proddeskDayOutOfDays')
    .addItem('Send call sheet…', 'proddeskSendCallSheet')
    .addItem('Sync now', 'proddeskSyncNow')
    .addToUi();
}

/** Adds the menu right after the script is installed as an add-on. */
function onInstall(e) {
  onOpen(e);
}

/** Menu: check the book; the server writes the Checks tab, fills and notes. */
function proddeskCheckBook() {
  proddeskAction_('check', {}, 'check the book', 'Checking the book…', function (answer) {
    var counts = answer.counts || {};
    var parts = [];
    ['error', 'warning', 'info'].forEach(function (kind) {
      var n = counts[kind] || 0;
      if (n) parts.push(n + ' ' + kind + (n === 1 ? '' : 's'));
    });
    var label = answer.label || 'the book';
    if (!parts.length) return 'No problems found in ' + label + '.';
    var marked = answer.marked || 0;
    return parts.join(', ') + ' in ' + label + '; ' + marked + ' cell' +
      (marked === 1 ? '' : 's') + ' marked, see the Checks tab.';
  });
}

/** Menu: remove the Checks tab and the marks, restoring the cells. */
function proddeskClearChecks() {
  proddeskAction_('clear', {}, 'clear the checks', 'Clearing the checks…', function (answer) {
    var n = answer.restored || 0;
    return 'Checks cleared; ' + n + ' cell' + (n === 1 ? '' : 's') + ' put back as they were.';
  });
}

/** Menu: ask for a shoot day and write its call sheet tab. */
function proddeskCallSheet() {
  var ui = SpreadsheetApp.getUi();
  var response = ui.prompt('Call sheet', 'Which shoot day? (a number, like 3)',
    ui.ButtonSet.OK_CANCEL);
  if (response.getSelectedButton() !== ui.Button.OK) return;
  var text = String(response.getResponseText() || '').trim().replace(/^day\s*/i, '');
  var day = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
  if (!(day >= 1 && day <= 999)) {
    ui.alert('ProdDesk', '"' + response.getResponseText() +
      '" is not a shoot day; type a number such as 3.', ui.ButtonSet.OK);
    return;
  }
  proddeskAction_('callsheet', { day: day }, 'write the call sheet for day ' + day,
    'Writing the call sheet for day ' + day + '…', function (answer) {
      var text = 'Call sheet for day ' + day + ' written to the tab "' + answer.tab + '".';
      var problems = answer.problems || [];
      if (problems.length) {
        text += ' Check these: ' + problems.slice(0, 5).join(' ');
        if (problems.length > 5) text += ' (and ' + (problems.length - 5) + ' more)';
      }
      return text;
    });
}

/** Menu: write the DOOD tab, the Day Out of Days of the schedule. */
function proddeskDayOutOfDays() {
  proddeskAction_('dood', {}, 'write the Day Out of Days', 'Writing the Day Out of Days…',
    function (answer) {
      var text = 'The Day Out of Days of ' + answer.cast + ' cast member(s) over ' +
        answer.days + ' day(s) is on the tab "' + answer.tab + '".';
      var problems = answer.problems || [];
      if (problems.length) {
        text += ' Check these: ' + problems.slice(0, 5).join(' ');
        if (problems.length > 5) text += ' (and ' + (problems.length - 5) + ' more)';
      }
      return text;
    });
}

var PRODDESK_SEND_SECONDS = 270;  // stop sending after 4.5 minutes (Apps Script stops at 6)
var PRODDESK_SEND_BATCH = 10;     // results recorded on the server after every 10 messages
var PRODDESK_PENDING = 'PRODDESK_PENDING_RESULTS';

/**
 * Menu: send a shoot day's call sheet from your own Gmail, one message per person.
 *
 * The server composes the messages (the same as `proddesk send`: each person's own call,
 * their Confirm link, the day's PDF) and leaves out whoever already has this version; this
 * script sends them with GmailApp.sendEmail(recipient, subject, body, {htmlBody, replyTo,
 * name, attachments}) and reports each result back, and the server writes the Distribution
 * tab. Results are kept in the Script Properties until the server has them, so a run stopped
 * halfway (Apps Script's 6-minute limit, a closed tab) is recorded at the next run and nobody
 * is sent the same version twice.
 */
function proddeskSendCallSheet() {
  var ui = SpreadsheetApp.getUi();
  var sheet = SpreadsheetApp.getActiveSpreadsheet();
  var response = ui.prompt('Send call sheet', 'Send the call sheet of which shoot day? ' +
    '(a number, like 3)', ui.ButtonSet.OK_CANCEL);
  if (response.getSelectedButton() !== ui.Button.OK) return null;
  var text = String(response.getResponseText() || '').trim().replace(/^day\s*/i, '');
  var day = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
  if (!(day >= 1 && day <= 999)) {
    return proddeskTell_('"' + response.getResponseText() +
      '" is not a shoot day; type a number such as 3. Nothing was sent.');
  }
  var props = PropertiesService.getScriptProperties();
  try {
    proddeskFlushResults_(props);  // a run stopped halfway before: record it first
  } catch (error) {
    return proddeskTell_('ProdDesk could not record the messages of the last send, so ' +
      'nothing was sent: ' + proddeskMessage_(error));
  }
  sheet.toast('Preparing the call sheet for day ' + day + '…', PRODDESK_MENU, 60);
  var plan;
  try {
    var answer = proddeskPost_('/actions/send', { day: day,
      reply_to: String(props.getProperty('PRODDESK_REPLY_TO') || '') });
    if (!answer.ok) {
      return proddeskTell_('ProdDesk could not prepare the call sheet for day ' + day + ': ' +
        proddeskExplain_(answer) + ' Nothing was sent.');
    }
    plan = answer.json;
  } catch (error) {
    return proddeskTell_('ProdDesk could not prepare the call sheet for day ' + day + ': ' +
      proddeskMessage_(error) + ' Nothing was sent.');
  }
  var messages = plan.messages || [];
  var unreachable = plan.unreachable || [];
  var tab = 'Distribution';
  if (unreachable.length) {  // their rows first: no email, or one mail cannot go to
    proddeskKeep_(props, plan, unreachable);
    try {
      tab = proddeskFlushResults_(props) || tab;
    } catch (error) {
      return proddeskTell_('ProdDesk could not write the Distribution tab, so nothing was ' +
        'sent: ' + proddeskMessage_(error));
    }
  }
  if (!messages.length) {
    return proddeskTell_('Everyone with an email already has version ' + plan.version +
      ' of the call sheet for day ' + plan.day + ': nothing sent.');
  }
  var quota = MailApp.getRemainingDailyQuota();
  if (quota < messages.length) {
    return proddeskTell_('Gmail lets this account send to ' + quota + ' more ' +
      (quota === 1 ? 'person' : 'people') + ' today and ' + messages.length +
      ' are waiting, so nothing was sent. Try again tomorrow, or use `proddesk send`.');
  }
  var who = messages.length + (messages.length === 1 ? ' person' : ' people');
  if (ui.alert('Send call sheet', 'Send version ' + plan.version + ' of the call sheet for day ' +
      plan.day + ' to ' + who + ' from your Gmail?', ui.ButtonSet.YES_NO) !== ui.Button.YES) {
    return null;
  }
  var pdf = Utilities.newBlob(Utilities.base64Decode(plan.pdf), 'application/pdf',
    plan.pdf_name);
  var name = String(props.getProperty('PRODDESK_FROM_NAME') || '');
  var started = Date.now();
  var sent = 0, refused = 0, left = 0;
  var recorded = true;
  for (var i = 0; i < messages.length; i++) {
    if ((Date.now() - started) / 1000 > PRODDESK_SEND_SECONDS || !recorded) {
      left = messages.length - i;
      break;
    }
    var message = messages[i];
    var options = { htmlBody: message.html, attachments: [pdf] };
    if (message.reply_to) options.replyTo = message.reply_to;
    if (name) options.name = name;
    var status = 'Sent';
    try {
      GmailApp.sendEmail(message.email, message.subject, message.text, options);
      sent++;
    } catch (error) {
      status = 'Not sent: ' + proddeskStrip_(proddeskMessage_(error));
      refused++;
    }
    proddeskKeep_(props, plan, [{ name: message.name, department: message.department,
      email: message.email, call: message.call, status: status,
      at: new Date().toISOString() }]);
    if ((i + 1) % PRODDESK_SEND_BATCH === 0) {
      try {
        proddeskFlushResults_(props);
      } catch (error) {
        recorded = false;  // stop: what cannot be recorded could be sent twice
      }
    }
  }
  try {
    tab = proddeskFlushResults_(props) || tab;
  } catch (error) {
    return proddeskTell_('Sent ' + sent + ' message' + (sent === 1 ? '' : 's') + ', but the ' +
      'server could not record them yet (' + proddeskMessage_(error) + '); run Send call ' +
      'sheet again to record them: nobody gets the same version twice.');
  }
  var said = 'Sent ' + sent + ' message' + (sent === 1 ? '' : 's') + ' from your Gmail; ' +
    refused + ' refused; ' + unreachable.length + ' without an email mail can go to. ' +
    'Distribution tab \'' + tab + '\'.';
  if (left) {
    said += ' ' + left + ' not sent yet (Apps Script has a time limit): run Send call sheet ' +
      'again to send the rest.';
  }
  return proddeskTell_(said);
}

/** Keeps results in the Script Properties until the server has recorded them. */
function proddeskKeep_(props, plan, rows) {
  var pending = JSON.parse(props.getProperty(PRODDESK_PENDING) || 'null') ||
    { day: plan.day, version: plan.version, results: [] };
  pending.results = pending.results.concat(rows);
  props.setProperty(PRODDESK_PENDING, JSON.stringify(pending));
}

/** Sends the kept results to the server (which writes the Distribution tab); the tab's name. */
function proddeskFlushResults_(props) {
  var pending = JSON.parse(props.getProperty(PRODDESK_PENDING) || 'null');
  if (!pending || !pending.results.length) return null;
  var answer = proddeskPost_('/actions/send/results', pending);
  if (!answer.ok) throw new Error(proddeskExplain_(answer));
  props.deleteProperty(PRODDESK_PENDING);
  return answer.json.tab;
}

/** Shows one sentence in a message box and returns it. */
function proddeskTell_(message) {
  SpreadsheetApp.getUi().alert(PRODDESK_MENU, message, SpreadsheetApp.getUi().ButtonSet.OK);
  return message;
}

/** Menu: run one sync cycle for this spreadsheet now. */
function proddeskSyncNow() {
  proddeskAction_('sync', {}, 'sync the book', 'Syncing…', function (answer) {
    if (answer.status === 'skipped') return 'Sync skipped this time: ' + answer.reason;
    if (answer.status === 'unchanged') return 'No changes since the last sync; nothing written.';
    var tabs = answer.callsheets || [];
    var n = answer.errors || 0;
    return 'Synced: checks published (' + n + ' error' + (n === 1 ? '' : 's') + ')' +
      (tabs.length ? ', call sheets ' + tabs.join(', ') : '') + '.';
  });
}

/**
 * Runs a menu action on the server and shows its outcome (or one sentence on failure).
 * `describe` turns the server's JSON answer into the message shown.
 */
function proddeskAction_(action, extra, doing, toast, describe) {
  var ui = SpreadsheetApp.getUi();
  var sheet = SpreadsheetApp.getActiveSpreadsheet();
  var payload = { spreadsheet_id: sheet.getId() };
  Object.keys(extra).forEach(function (key) { payload[key] = extra[key]; });
  sheet.toast(toast, PRODDESK_MENU, 30);
  var message;
  try {
    var answer = proddeskPost_('/actions/' + action, payload);
    message = answer.ok ? describe(answer.json)
      : 'ProdDesk could not ' + doing + ': ' + proddeskExplain_(answer);
  } catch (error) {
    message = 'ProdDesk could not ' + doing + ': ' + proddeskMessage_(error);
  }
  sheet.toast('Done.', PRODDESK_MENU, 3);
  ui.alert(PRODDESK_MENU, message, ui.ButtonSet.OK);
  return message;
}

// ---- sheet functions ----------------------------------------------------------------------

/**
 * The straight-time hourly base of a day rate ($400/10 -> 36.36).
 *
 * @param {string|Array<Array<string>>} rate A day rate such as "$400/10", or a range of them.
 * @return The hourly base, or a column of them for a range.
 * @customfunction
 */
function PD_BASEHOURLY(rate) {
  return proddeskFunction_('PD_BASEHOURLY', [rate]);
}

/**
 * Gross pay for one day on a $R/G deal (California overtime; the guarantee is a floor).
 *
 * @param {string|Array<Array<string>>} rate The day rate such as "$400/10", or a range of them.
 * @param {number} hours Hours worked, such as 13.5 or "12:30".
 * @param {boolean} seventh_day TRUE on the 7th consecutive day of the workweek (optional).
 * @return The day's pay, or a column of them for a range of rates.
 * @customfunction
 */
function PD_DAYPAY(rate, hours, seventh_day) {
  return proddeskFunction_('PD_DAYPAY', [rate, hours, seventh_day]);
}

/**
 * Hours of rest between a wrap and the next call.
 *
 * @param {Date|string} wrap The wrap time (or date and time).
 * @param {Date|string} next_call The next call time (or date and time).
 * @param {string} rest_class "crew" (10 h minimum) or "cast" (12 h), optional.
 * @return Hours of rest.
 * @customfunction
 */
function PD_TURNAROUND(wrap, next_call, rest_class) {
  return proddeskFunction_('PD_TURNAROUND', [wrap, next_call, rest_class]);
}

/**
 * When the meal is due (6 hours after the call); with a lunch, how many half hours late it is.
 *
 * @param {Date|string} call The call time (or date and time).
 * @param {Date|string} lunch The lunch time, optional.
 * @return The time the meal is due, or the half hours the lunch is late (0 when on time).
 * @customfunction
 */
function PD_MEALDUE(call, lunch) {
  return proddeskFunction_('PD_MEALDUE', [call, lunch]);
}

/**
 * "OK 11.5 h" or "FORCED CALL: 8.0 h of 10 h": the rest against its minimum.
 *
 * @param {Date|string} wrap The wrap time (or date and time).
 * @param {Date|string} next_call The next call time (or date and time).
 * @param {string} rest_class "crew" (10 h minimum) or "cast" (12 h), optional.
 * @return The turnaround status.
 * @customfunction
 */
function PD_TURNAROUNDSTATUS(wrap, next_call, rest_class) {
  return proddeskFunction_('PD_TURNAROUNDSTATUS', [wrap, next_call, rest_class]);
}

/**
 * The total of a range of page counts, in eighths ("3/8" + "1 4/8" -> "1 7/8").
 *
 * @param {Array<Array<string>>} range The page counts.
 * @return The total pages.
 * @customfunction
 */
function PD_PAGES(range) {
  return proddeskFunction_('PD_PAGES', [Array.isArray(range) ? range : [[range]]]);
}

/**
 * A phone number written the way the book shows it ("(310) 555-0143").
 *
 * @param {string|Array<Array<string>>} text A phone number, or a range of them.
 * @param {string} region The country for numbers without a +code, "US" when left out.
 * @return The formatted number, or a column of them for a range.
 * @customfunction
 */
function PD_PHONE(text, region) {
  return proddeskFunction_('PD_PHONE', [text, region]);
}

/**
 * A vendor's certificate of insurance status: Current, Expiring in N days, Expired, Missing
 * (the vendor's COI Expires date on this book's Vendors tab).
 *
 * @param {string|Array<Array<string>>} vendor The vendor as the Vendors tab names it, or a range.
 * @param {Date|string} as_of The date to judge on; today when left out.
 * @return The COI status, or a column of them for a range.
 * @customfunction
 */
function PD_COISTATUS(vendor, as_of) {
  if (as_of === undefined || as_of === '' || as_of === null) as_of = proddeskToday_();
  return proddeskFunction_('PD_COISTATUS', [vendor, as_of], true);
}

/**
 * A cast or crew member's call time on a shoot day (read by the server from this book).
 *
 * @param {string|Array<Array<string>>} name The person's name (crew, actor, character or
 *     cast #) as the book writes it, or a range of names.
 * @param {number|Date} day The shoot day number, or its date.
 * @return The call time.
 * @customfunction
 */
function PD_CALLTIME(name, day) {
  return proddeskFunction_('PD_CALLTIME', [name, day], true);
}

/**
 * What is left in a budget account (read by the server from this book).
 *
 * @param {string|Array<Array<string>>} account The account number, or a range of them.
 * @return The amount left.
 * @customfunction
 */
function PD_BUDGETLEFT(account) {
  return proddeskFunction_('PD_BUDGETLEFT', [account], true);
}

/**
 * The next free purchase order number (read by the server from this book).
 *
 * @return The next PO number.
 * @customfunction
 */
function PD_NEXTPO() {
  return proddeskFunction_('PD_NEXTPO', [], true);
}

/**
 * A cast member's code on a shoot day, as on the call sheet and the DOOD (from this book).
 *
 * @param {string|Array<Array<string>>} cast_id The cast number, or a range of them.
 * @param {number|Date} day The shoot day number, or its date.
 * @return SW, W, WF, SWF, H, T, PU/W, W/D...; empty when off or dropped that day.
 * @customfunction
 */
function PD_SWHF(cast_id, day) {
  return proddeskFunction_('PD_SWHF', [cast_id, day], true);
}

/**
 * Sunrise at a location on a date (the location as the book's Locations tab names it).
 *
 * @param {string} location The location.
 * @param {Date|string} date The date.
 * @return The sunrise time.
 * @customfunction
 */
function PD_SUNRISE(location, date) {
  return proddeskFunction_('PD_SUNRISE', [location, date], true);
}

/**
 * Sunset at a location on a date (the location as the book's Locations tab names it).
 *
 * @param {string} location The location.
 * @param {Date|string} date The date.
 * @return The sunset time.
 * @customfunction
 */
function PD_SUNSET(location, date) {
  return proddeskFunction_('PD_SUNSET', [location, date], true);
}

/**
 * A shoot day's forecast crew pay from rates and planned hours (read by the server from
 * this book), or one department's: the day.overtime forecast's pay.
 *
 * @param {number|Date|Array<Array<number>>} day The shoot day number or its date, or a range.
 * @param {string} department A department as the crew list names it; the whole day when left out.
 * @return The forecast pay.
 * @customfunction
 */
function PD_DAYCOST(day, department) {
  return proddeskFunction_('PD_DAYCOST', [day, department], true);
}

/**
 * Calls a sheet function on the server: a value, a column for a range, or the problem as text.
 * `needsBook` sends this spreadsheet's id along (functions that read the book).
 */
function proddeskFunction_(name, args, needsBook) {
  var values = args.slice();
  while (values.length && (values[values.length - 1] === undefined)) values.pop();
  values = values.map(proddeskCellValue_);
  var payload = { args: values };
  if (needsBook) payload.spreadsheet_id = SpreadsheetApp.getActiveSpreadsheet().getId();
  var cache = proddeskCache_();
  var key = cache ? proddeskCacheKey_(name, payload) : null;
  if (cache) {
    var hit = cache.get(key);
    if (hit !== null && hit !== undefined) return JSON.parse(hit);
  }
  var result;
  try {
    var answer = proddeskPost_('/functions/' + name, payload);
    if (!answer.ok) {
      var why = proddeskExplain_(answer);
      return why.indexOf(name + ':') === 0 ? why : name + ': ' + why;
    }
    result = proddeskShape_(answer.json.value);
  } catch (error) {
    return name + ': ' + proddeskMessage_(error);
  }
  if (cache) {
    var text = JSON.stringify(result);
    var seconds = needsBook ? PRODDESK_BOOK_CACHE_SECONDS : PRODDESK_CACHE_SECONDS;
    if (text.length < 90000) cache.put(key, text, seconds);
  }
  return result;
}

/** A cell value as the server reads it: dates become spreadsheet serial numbers. */
function proddeskCellValue_(value) {
  if (Array.isArray(value)) return value.map(proddeskCellValue_);
  if (value instanceof Date) return proddeskSerial_(value);
  if (value === undefined) return null;
  return value;
}

/** Days since 1899-12-30 in the spreadsheet's time zone (what the cell holds). */
function proddeskSerial_(date) {
  var tz = proddeskTimeZone_();
  var parts = Utilities.formatDate(date, tz, 'yyyy-MM-dd-HH-mm-ss').split('-').map(Number);
  var utc = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  var serial = (utc - Date.UTC(1899, 11, 30)) / 86400000;
  return Math.round(serial * 86400) / 86400;
}

/** Today in the spreadsheet's time zone, as text the server reads (2026-03-02). */
function proddeskToday_() {
  return Utilities.formatDate(new Date(), proddeskTimeZone_(), 'yyyy-MM-dd');
}

function proddeskTimeZone_() {
  try {
    return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone() ||
      Session.getScriptTimeZone();
  } catch (error) {
    return Session.getScriptTimeZone();
  }
}

/** A range answer as rows for the sheet: a flat list becomes a column. */
function proddeskShape_(value) {
  if (!Array.isArray(value)) return value;
  if (!value.length) return '';
  return value.map(function (row) { return Array.isArray(row) ? row : [row]; });
}

function proddeskCache_() {
  try {
    return CacheService.getScriptCache();
  } catch (error) {
    return null;
  }
}

function proddeskCacheKey_(name, payload) {
  var digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256,
    name + ' ' + JSON.stringify(payload), Utilities.Charset.UTF_8);
  return 'pd:' + Utilities.base64Encode(digest);
}

// ---- signed requests ----------------------------------------------------------------------

/**
 * POSTs JSON to the server, signed, with a new nonce in the body. Returns {ok, status, json,
 * text}; throws an Error with one sentence when the server cannot be reached or is not set up.
 */
function proddeskPost_(path, payload) {
  var props = PropertiesService.getScriptProperties();
  var base = String(props.getProperty('PRODDESK_URL') || '').trim().replace(/\/+$/, '');
  var secret = String(props.getProperty('PRODDESK_SECRET') || '');
  if (!base || !secret) {
    throw new Error(PRODDESK_NOT_SET_UP);
  }
  var body = { nonce: Utilities.getUuid(),
    spreadsheet_id: SpreadsheetApp.getActiveSpreadsheet().getId() };
  Object.keys(payload).forEach(function (key) { body[key] = payload[key]; });
  var text = proddeskAsciiJson_(body);
  var stamp = String(Math.floor(Date.now() / 1000));
  var signature = proddeskHex_(Utilities.computeHmacSha256Signature(stamp + '.' + text, secret,
    Utilities.Charset.UTF_8));
  var response;
  try {
    response = UrlFetchApp.fetch(base + path, {
      method: 'post',
      contentType: 'application/json',
      payload: text,
      headers: { 'X-ProdDesk-Timestamp': stamp, 'X-ProdDesk-Signature': signature },
      muteHttpExceptions: true,
      followRedirects: false,
    });
  } catch (error) {
    throw new Error('the ProdDesk server at ' + base + ' could not be reached (' +
      proddeskMessage_(error) + ').');
  }
  var status = response.getResponseCode();
  var content = response.getContentText();
  var json = null;
  try {
    json = JSON.parse(content);
  } catch (error) {
    json = null;
  }
  return { ok: status === 200 && json !== null, status: status, json: json, text: content };
}

/** JSON with every non-ASCII character escaped, so the signed bytes are the sent bytes. */
function proddeskAsciiJson_(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, function (ch) {
    return '\\u' + ('0000' + ch.charCodeAt(0).toString(16)).slice(-4);
  });
}

/** Apps Script's signed bytes (-128..127) as lowercase hex. */
function proddeskHex_(bytes) {
  var out = '';
  for (var i = 0; i < bytes.length; i++) {
    out += ('0' + (bytes[i] & 0xff).toString(16)).slice(-2);
  }
  return out;
}

/** One sentence for a refused or failed request. */
function proddeskExplain_(answer) {
  var said = answer.json && answer.json.error ? String(answer.json.error) : '';
  if (answer.status === 401) {
    if (/signature/i.test(said) || /not signed/i.test(said)) {
      return 'the server refused the request\'s signature; make sure the Script Property ' +
        'PRODDESK_SECRET is this production\'s secret in the server\'s productions.toml.';
    }
    if (/too old|clock/i.test(said)) {
      return 'the server refused the request as too old; the server\'s clock is probably ' +
        'more than 5 minutes off.';
    }
    return 'the server refused the request (' + proddeskStrip_(said) + ').';
  }
  if (answer.status === 403) {
    return 'this spreadsheet is not listed in the server\'s productions.toml; ask whoever runs ' +
      'the server to add it.';
  }
  if (answer.status === 404 && !said) {
    return 'the server at PRODDESK_URL does not look like a ProdDesk server (404).';
  }
  if (said) return said;
  if (answer.status === 200) return 'the server\'s answer was not readable.';
  return 'the server answered with HTTP ' + answer.status + '.';
}

function proddeskStrip_(text) {
  return String(text).replace(/[.\s]+$/, '');
}

function proddeskMessage_(error) {
  var text = error && error.message ? error.message : String(error);
  return text.replace(/^Exception:\s*/, '');
}
