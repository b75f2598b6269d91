// NIST 800-63B / ASVS 6.2: length over composition, no truncation, no trimming, common passwords refused.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// A short list of the most common passwords (SecLists top entries). Anything here is refused
// whatever its length; the list is small on purpose so the app bundle stays light.
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty123',
  'qwertyuiop',
  '11111111',
  '00000000',
  'iloveyou',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'welcome1',
  'welcome123',
  'admin123',
  'letmein1',
  'abc12345',
  'passw0rd',
  'trustno1',
  'superman',
  'starwars',
  'whatever',
  'dragon123',
  'monkey123',
  'master123',
  'qwerty12',
  '1q2w3e4r',
  '1qaz2wsx',
  'zaq12wsx',
  'asdfghjkl',
  'changeme',
  'p@ssw0rd',
  'p@ssword',
  'computer',
  'michelle',
  'jennifer',
  'corvette',
  'mercedes',
  'internet',
  'testtest',
  'test1234',
  'hello123',
  'freedom1',
  'liverpool',
  'chelsea1',
  'arsenal1',
  '87654321',
  '12341234',
  '11223344',
  'aaaaaaaa',
  'q1w2e3r4',
  'q1w2e3r4t5',
  'pokemon1',
]);

export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (COMMON.has(password.toLowerCase())) return 'is too common; choose a less predictable password';
  return null;
}
