// Every suite in one run, so `npm test` ends with one total.
module.exports = {
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/adapters',
    '<rootDir>/libs/detection',
    '<rootDir>/apps/api',
    '<rootDir>/apps/web',
    '<rootDir>/tools',
  ],
};
