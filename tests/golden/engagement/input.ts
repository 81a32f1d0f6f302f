// The shipped sample job, pinned as a golden.
export { default } from '../../../jobs/engagement.js';
