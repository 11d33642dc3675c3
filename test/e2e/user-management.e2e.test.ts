import { describe, expect } from 'vitest';
import { expectCount, expectText, expectVisible, textOf, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { COMMON_SIZES, expectInside } from './support/layout.js';
import { ConnectionScreen } from './support/pages/connection.js';
import { UsersScreen } from './support/pages/users.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('managing logins in the console', () => {
  test('an admin adds a support agent who signs in with the password shown once; disabled, the agent is refused', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Contoso Proxies');
    const shell = await signInAsAdmin(page, host, api, admin);
    const agentEmail = 'agent@contoso.example.com';

    // Users: the admin itself is listed; a support agent is added without choosing a password.
    await shell.go('Users');
    const users = new UsersScreen(page);
    await expectVisible(users.heading);
    await expectText(users.row(admin.email), /Admin.*Active/);
    // The admin's own row says so, and offers nothing that would lock them out.
    await expectText(users.row(admin.email), 'You');
    await expectCount(users.row(admin.email).getByRole('button', { name: /^(Disable|Change role)/ }), 0);
    const password = await users.addWithMadeUpPassword(agentEmail, 'Support agent');
    expect(password).toMatch(/^\S{20}$/);
    await expectText(users.row(agentEmail), /Support agent.*Active.*Never/);
    await expectCount(users.shownPassword, 0);
    await screenshot('users');

    // Signed out, the agent signs in on the Connection screen with that password.
    await shell.signOutButton.click();
    await shell.go('Connection');
    const connection = new ConnectionScreen(page);
    await connection.signIn({ url: api.url, email: agentEmail, password });
    await expectVisible(shell.account(agentEmail));
    await expectText(shell.header, 'Support agent');
    // Support agents manage no logins: no Users entry.
    await expectCount(shell.navLink('Users'), 0);

    // The admin, back, sees the sign-in and disables the agent.
    await shell.signOutButton.click();
    await shell.go('Connection');
    await connection.signIn({ url: api.url, email: admin.email, password: admin.password });
    await shell.go('Users');
    await expectText(users.row(agentEmail), /Support agent.*Active/);
    await expect
      .poll(() => textOf(users.row(agentEmail)), { timeout: UI_TIMEOUT_MS, message: 'a last sign-in' })
      .not.toMatch(/Never/);
    await users.disable(agentEmail);
    await expectText(users.row(agentEmail), /Disabled/);
    await screenshot('users-disabled');

    // The agent's password no longer signs in.
    await shell.signOutButton.click();
    await shell.go('Connection');
    await connection.heading.waitFor();
    await connection.url.fill(api.url);
    await connection.email.fill(agentEmail);
    await connection.password.fill(password);
    await connection.connectButton.click();
    await expectText(connection.error, /wrong email or password/i);
  });

  test('an email already in use is refused beside the field, in Vietnamese in a Vietnamese console', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Contoso Proxies');
    const agentEmail = 'agent@contoso.example.com';
    await api.createUser(admin, {
      email: agentEmail,
      password: 'helpful support agent',
      role: 'support_agent',
    });
    const shell = await signInAsAdmin(page, host, api, admin);
    await shell.go('Users');
    await expectVisible(new UsersScreen(page).heading);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');

    // At the smallest supported window, every action of a login's row is in view, whole: the
    // Vietnamese words ran the row past the card, Reset password hidden beyond its edge.
    await page.setViewportSize(COMMON_SIZES[0]);
    const agentRow = page
      .getByRole('table', { name: 'Người dùng' })
      .getByTestId('user-row')
      .filter({ hasText: agentEmail });
    await expectText(agentRow, /Nhân viên hỗ trợ/);
    const actions = agentRow.getByRole('button');
    await expectCount(actions, 3);
    for (const action of await actions.all())
      await expectInside(
        action,
        page.getByRole('region', { name: 'Người dùng' }),
        `${await textOf(action)} in view`,
      );
    await screenshot('users-vi-1024');

    await page.getByRole('main').getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm người dùng' });
    const email = dialog.getByRole('textbox', { name: 'Email' });
    // The admin's own address: every sign-in needs its own.
    await email.fill(admin.email);
    await dialog.getByRole('button', { name: 'Tạo người dùng' }).click();

    await expectVisible(dialog.getByText('Đã có người dùng với email này', { exact: false }));
    await expect(dialog.getByText(/already exists/i).count()).resolves.toBe(0);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    // Focus is on the field to correct, not lost to the page.
    await expect
      .poll(() => email.evaluate((el) => el === el.ownerDocument.activeElement), { timeout: UI_TIMEOUT_MS })
      .toBe(true);
  });
});
