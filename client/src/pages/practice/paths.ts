/** The practice routes (the app's route table sends every /luyen-tap path to this chunk). */
export const START_PATH = '/luyen-tap';
export const SESSION_PATH = '/luyen-tap/lam-bai';
