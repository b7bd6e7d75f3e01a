export { DEFAULT_ADMISSION_LIMITS, admissionValidationRules, restoreAdmissionCode } from './admissionRules';
export type { AdmissionLimits } from './admissionRules';
export { refuseBatch, refuseCsrf, refuseTokenFlood } from './frontDoor';
export { exceedsTokenLimit } from './tokenLimit';
export { hideFieldSuggestions } from './hideFieldSuggestions';
