/** The package's version: what the MCP server tells its clients and the SARIF log names its tool by. */
export const VERSION = '0.1.0';
