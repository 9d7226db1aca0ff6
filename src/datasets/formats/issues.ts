// One place that builds Issue objects, so every reader words its messages the same way
// (Vietnamese first, English second) and always names the file, and the row/column when known.
import type { Issue, Severity } from '../types';

export interface IssueAt {
  row?: number;
  column?: string;
}

export function makeIssue(
  severity: Severity,
  code: string,
  file: string,
  message: string,
  message_en: string,
  at: IssueAt = {},
): Issue {
  const issue: Issue = { severity, code, file, message, message_en };
  if (at.row !== undefined) issue.row = at.row;
  if (at.column !== undefined) issue.column = at.column;
  return issue;
}

export const errorIssue = (code: string, file: string, vi: string, en: string, at?: IssueAt): Issue =>
  makeIssue('error', code, file, vi, en, at);

export const warningIssue = (code: string, file: string, vi: string, en: string, at?: IssueAt): Issue =>
  makeIssue('warning', code, file, vi, en, at);

/** vi-VN style for numbers inside messages: 4.200; 66,67. */
export function viNumber(n: number): string {
  return n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}
