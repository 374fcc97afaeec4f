// acl/: NSD's access control lists (allow-notify, provide-xfr, request-xfr, notify, allow-query): address specs, keys, BLOCKED.
export { type AclClient, type AclDecision, type AclRefusal, type AclTsig, type CompiledAcl, aclKeyName, checkAcl, compileAcl } from './check-acl.js';
export { type AddressMatcher, type ClientAddress, compileAddress, parseClient } from './address.js';
