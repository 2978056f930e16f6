import { defineErrorCodes } from '../../server/errors.js';

export const ChainErrors = defineErrorCodes({
  /** An entry's data (or an export's summary) is not plain JSON: NaN, undefined, a Date, a cycle… */
  CHAIN_DATA_NOT_JSON: 400,
});
