// Clients for the debuggers `trestle debug` sets up, written for the tests: Delve's JSON-RPC, the Chrome
// DevTools Protocol (Node.js), the Debug Adapter Protocol (debugpy) and JDWP (the JVM).
export * from "./cdp.js";
export * from "./dap.js";
export * from "./dlv.js";
export * from "./jdwp.js";
export * from "./tcp.js";
