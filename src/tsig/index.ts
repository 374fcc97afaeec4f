// tsig/: TSIG keys, HMACs via node:crypto, single and multi-message signing and verification (RFC 8945).
export { TSIG_ALGORITHMS, type TsigAlgorithm, algorithmByName, algorithmFromText } from './algorithms.js';
export { TsigError, type TsigKey, createTsigKey, keyAlgorithm, TsigKeyring } from './keys.js';
export { type TsigFields, type TsigLocation, findTsig, parseTsigAt, tsigRdata, tsigRecord, tsigRecordSize } from './tsig-record.js';
export { TSIG_ERROR, type TsigRequestOk, type TsigRequestError, type TsigRequestResult, type TsigVerifyOptions, verifyRequest } from './verify.js';
export { DEFAULT_FUDGE, type TsigSignOptions, responseTsig, tsigResponseSize, signResponse, signResponseBytes, appendRecord } from './sign.js';
export { TsigStreamSigner } from './stream-signer.js';
export { type TsigSignedRequest, tsigRequestSize, signRequest } from './client.js';
export {
  type TsigProblemCode, type TsigResponseProblem, type TsigResponseCheck, type TsigResponseOptions, TsigResponseVerifier, verifyResponse,
} from './response-verifier.js';
