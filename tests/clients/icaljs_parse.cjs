// Parse .ics files with Mozilla's ical.js (the parser behind Thunderbird) and print what a
// calendar client would show, as JSON. Used by tests/clients/test_icaljs.py.
// Usage: ICALJS_HOME=<folder with node_modules/ical.js> node icaljs_parse.cjs FILE...
"use strict";
const fs = require("fs");
const ICAL = require(require.resolve("ical.js", { paths: [process.env.ICALJS_HOME || "."] }));

function iso(time) {
  if (!time) return null;
  if (time.isDate) return time.toString();
  return time.toJSDate().toISOString();
}

function describe(path) {
  const text = fs.readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: vevent.getFirstPropertyValue("status"),
      transp: vevent.getFirstPropertyValue("transp"),
      start: iso(event.startDate),
      end: iso(event.endDate),
      all_day: event.startDate.isDate,
      dtstamp: iso(vevent.getFirstPropertyValue("dtstamp")),
      alarms: vevent.getAllSubcomponents("valarm").length,
    };
  });
  return {
    file: path,
    method: calendar.getFirstPropertyValue("method"),
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    events,
  };
}

const out = process.argv.slice(2).map(describe);
process.stdout.write(JSON.stringify(out));
