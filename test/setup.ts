// Dates in tests are compared as ISO strings; make them independent of the machine's zone.
process.env.TZ = "UTC";
