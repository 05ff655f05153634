import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';
import { startApiProcess, type ApiProcess } from '../support/api-process';

/**
 * Secrets never reach the logs (docs/security.md): the real API process at LOG_LEVEL=trace is
 * driven through logins (right and wrong), token use, bad tokens, user creation and failing
 * requests; afterwards nothing it wrote contains the JWT secret, the admin's password, a user's
 * password, an issued token or a stored password hash.
 */
describe('secrets in logs', () => {
  let t: TestApp;
  let api: ApiProcess;
  const JWT_SECRET = 'log-probe-jwt-secret-7f3a9c1e5b2d4f6a8c0e2b4d6f8a0c2e';
  const ADMIN_PASSWORD = 'log-probe-admin-password-91d2';
  const USER_PASSWORD = 'log-probe-user-password-33ab';

  beforeAll(async () => {
    t = await createTestApp();
    const url = (t.sql as unknown as { options: { connectionString: string } }).options.connectionString;
    api = await startApiProcess(url, { LOG_LEVEL: 'trace', JWT_SECRET, ADMIN_EMAIL: 'root@log-probe.test', ADMIN_PASSWORD, LOGIN_MAX_FAILURES: '10' });
  }, 120_000);
  afterAll(async () => {
    await api?.kill9();
    await t.close();
  });

  it('drives traffic that touches every secret, then finds none of them in the output', async () => {
    const http = () => request(api.base);
    const login = await http().post('/api/v1/auth/login').send({ email: 'root@log-probe.test', password: ADMIN_PASSWORD }).expect(200);
    const token = login.body.accessToken as string;
    for (let i = 0; i < 4; i++) await http().post('/api/v1/auth/login').send({ email: 'root@log-probe.test', password: `${ADMIN_PASSWORD}-wrong` });
    await http().post('/api/v1/auth/login').send({ email: 'nobody@log-probe.test', password: ADMIN_PASSWORD }).expect(401);
    await http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(`{"email":"x@y.z","password":"${ADMIN_PASSWORD}"`).expect(400);
    await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${JWT_SECRET}`).expect(401);
    await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}x`).expect(401);
    await http().get(`/api/v1/no-such-route?password=${USER_PASSWORD}`).set('Authorization', `Bearer ${token}`);

    const org = await http().post('/api/v1/admin/organizations').set('Authorization', `Bearer ${token}`).send({ code: 'LOGPROBE', name: 'Log probe', type: 'BUYER' }).expect(201);
    const user = { email: 'planner@log-probe.test', password: USER_PASSWORD, orgId: org.body.id, roles: ['PLANNER'] };
    await http().post('/api/v1/admin/users').set('Authorization', `Bearer ${token}`).send(user).expect(201);
    await http().post('/api/v1/admin/users').set('Authorization', `Bearer ${token}`).send(user).expect(409);
    await http().post('/api/v1/admin/users').set('Authorization', `Bearer ${token}`).send({ ...user, email: 'not-an-email' }).expect(400);
    const userLogin = await http().post('/api/v1/auth/login').send({ email: user.email, password: USER_PASSWORD }).expect(200);
    await http().get('/api/v1/items').set('Authorization', `Bearer ${userLogin.body.accessToken}`).expect(200);

    await api.stop();
    const output = api.output();
    // The process did log (requests at info, refusals at warn): the check is not vacuous.
    expect(output).toContain('/api/v1/auth/login');
    expect(output.split('\n').length).toBeGreaterThan(20);

    const { rows } = await t.sql.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email IN ('root@log-probe.test', 'planner@log-probe.test')`);
    expect(rows).toHaveLength(2);
    const secrets: Record<string, string> = {
      'JWT secret': JWT_SECRET,
      'admin password': ADMIN_PASSWORD,
      'user password': USER_PASSWORD,
      'admin access token': token,
      'user access token': userLogin.body.accessToken,
      'token signature': token.split('.')[2] as string,
      ...Object.fromEntries(rows.map((r, i) => [`password hash ${i}`, r.password_hash])),
    };
    const found = Object.entries(secrets)
      .filter(([, v]) => output.includes(v))
      .map(([k]) => k);
    expect(found).toEqual([]);
  }, 120_000);
});
