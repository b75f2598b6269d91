import type { MailMessage } from './mailer.ts';

// Plain-text emails: each says who it is for, what to do, and when the link stops working.

export function verifyEmailMail(to: string, name: string, link: string): MailMessage {
  return {
    to,
    subject: 'Confirm your email for Tradeloom',
    text: `Hello ${name},\n\nConfirm your email address to finish setting up your Tradeloom account:\n\n${link}\n\nThe link works for 24 hours. If you did not sign up, ignore this email.\n`,
  };
}

export function passwordResetMail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Reset your Tradeloom password',
    text: `Someone asked to reset the password for this email address.\n\nChoose a new password here:\n\n${link}\n\nThe link works for one hour and only once. If it was not you, ignore this email; your password stays as it is.\n`,
  };
}

export function registrationAttemptMail(to: string, resetUrl: string): MailMessage {
  return {
    to,
    subject: 'Someone tried to sign up to Tradeloom with your email',
    text: `Someone tried to create a Tradeloom account with this email address, which already has one.\n\nIf it was you, sign in, or reset your password here:\n\n${resetUrl}\n\nIf it was not you, ignore this email; nothing changed on your account.\n`,
  };
}

export function invitationMail(to: string, companyName: string, inviterName: string, role: string, link: string): MailMessage {
  return {
    to,
    subject: `${inviterName} invited you to ${companyName} on Tradeloom`,
    text: `${inviterName} invited you to join ${companyName} on Tradeloom as ${role}.\n\nAccept the invitation:\n\n${link}\n\nThe invitation is valid for 7 days. Sign up or sign in with ${to} to accept it.\n`,
  };
}

export function addedWithPasswordMail(to: string, companyName: string, inviterName: string, loginUrl: string): MailMessage {
  return {
    to,
    subject: `You have been added to ${companyName} on Tradeloom`,
    text: `${inviterName} created a Tradeloom account for you in ${companyName}.\n\nSign in at ${loginUrl} with this email address and the temporary password ${inviterName} gave you. You will be asked to choose your own password.\n`,
  };
}

export function claimInvitationMail(
  to: string,
  companyName: string,
  inviterCompany: string,
  inviterName: string,
  link: string,
): MailMessage {
  return {
    to,
    subject: `${inviterCompany} invites ${companyName} to Tradeloom`,
    text: `${inviterName} of ${inviterCompany} keeps ${companyName} as a trading partner on Tradeloom and invites you to take over its account.\n\nClaim ${companyName}:\n\n${link}\n\nYou become its owner and see the history you share with ${inviterCompany}. The link is valid for 14 days.\n`,
  };
}

/** A buyer invites a counterparty not on Tradeloom to quote: claiming its company opens the request. */
export function tenderInvitationMail(
  to: string,
  invite: { supplierName: string; buyerName: string; number: string; title: string; closes: string; link: string },
): MailMessage {
  const { supplierName, buyerName, number, title, closes, link } = invite;
  return {
    to,
    subject: `${buyerName} invites ${supplierName} to quote on ${number}`,
    text: `${buyerName} asks ${supplierName} for a quote on Tradeloom:\n\n${number}: ${title}\nQuotes close ${closes}.\n\nClaim ${supplierName} on Tradeloom, then open the request under Quote requests to quote:\n\n${link}\n\nYou become the owner of ${supplierName}'s account. The link is valid for 7 days.\n`,
  };
}
