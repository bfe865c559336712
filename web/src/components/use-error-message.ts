import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { describeError } from '../lib/error-message.ts';
import { type FieldProblem, fieldNameOf, fieldProblemOf, wordsOfFieldName } from '../lib/field-problem.ts';

/** The name of the field at a path, in words: translated when known, else spelled out from its key. */
export function useFieldLabel(): (path: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (path: string) => {
      const name = fieldNameOf(path);
      const key = `validation.fields.${name}`;
      return i18n.exists(key) ? String(t(key as 'validation.fields.name')) : wordsOfFieldName(name);
    },
    [t, i18n],
  );
}

/**
 * A field problem as a sentence in the user's language ("Use at most 100 characters."). Words the app does
 * not know are shown after the field's name, which `path` gives.
 */
export function useFieldProblemText(): (problem: FieldProblem, path?: string) => string {
  const { t } = useTranslation();
  const label = useFieldLabel();
  return useCallback(
    (problem: FieldProblem, path?: string) => {
      switch (problem.kind) {
        case 'required':
          return t('validation.required');
        case 'tooShort':
        case 'tooFew':
        case 'tooSmall':
          return t(`validation.${problem.kind}`, { min: problem.min });
        case 'tooLong':
        case 'tooMany':
        case 'tooBig':
          return t(`validation.${problem.kind}`, { max: problem.max });
        case 'email':
          return t('validation.email');
        case 'number':
          return t('validation.notNumber');
        case 'wholeNumber':
          return t('validation.number');
        case 'other': {
          const field = path ? label(path) : t('validation.thisValue');
          const key = problem.predicate ? 'validation.otherPredicate' : 'validation.other';
          return t(key, { field, detail: problem.detail });
        }
        default:
          return t(`validation.${problem.kind}`);
      }
    },
    [t, label],
  );
}

/**
 * `fieldError(error, 'name')`: what the server said about a form field, translated; undefined when the
 * error says nothing about it. The field's own input shows it, so the field is not named again.
 */
export function useFieldErrorText(): (error: unknown, field: string) => string | undefined {
  const text = useFieldProblemText();
  return useCallback(
    (error: unknown, field: string) => {
      const message = error instanceof ApiError ? error.fieldError(field) : undefined;
      return message === undefined ? undefined : text(fieldProblemOf(message), field);
    },
    [text],
  );
}

/** Every field error of a failed request, translated, keyed by form field as `ApiError.fieldErrors()`. */
export function useFieldErrorsText(error: unknown): Record<string, string> {
  const text = useFieldProblemText();
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    Object.entries(error.fieldErrors()).map(([field, message]) => [
      field,
      text(fieldProblemOf(message), field),
    ]),
  );
}

/** Turns any error into a sentence in the user's language; field errors name their fields. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const problemText = useFieldProblemText();
  const label = useFieldLabel();
  return useCallback(
    (error: unknown) => {
      const description = describeError(error);
      switch (description.kind) {
        case 'translated':
          return t(description.key);
        case 'retry':
          return t(description.key, { seconds: description.seconds });
        case 'text':
          return description.text;
        case 'fields':
          return t('validation.fieldsInvalid', {
            problems: description.fields
              .map((f) =>
                f.path === '' || f.problem.kind === 'other'
                  ? problemText(f.problem, f.path || undefined)
                  : t('validation.fieldSays', { field: label(f.path), message: problemText(f.problem) }),
              )
              .join(' '),
          });
      }
    },
    [t, problemText, label],
  );
}

/** Toasts for the outcome of an action. */
export function useNotify() {
  const errorMessage = useErrorMessage();
  return {
    success: useCallback((message: string) => {
      notifications.show({ color: 'teal', message, withBorder: true });
    }, []),
    error: useCallback(
      (error: unknown) => {
        notifications.show({ color: 'red', message: errorMessage(error), withBorder: true, autoClose: 8000 });
      },
      [errorMessage],
    ),
  };
}
