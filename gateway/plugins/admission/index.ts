export { DEFAULT_ADMISSION_LIMITS, admissionValidationRules, restoreAdmissionCode } from './admissionRules';
export type { AdmissionLimits } from './admissionRules';
export { hideFieldSuggestions } from './hideFieldSuggestions';
