import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The API's validation messages under a dialog's fields, announced to screen readers. */
@Component({
  selector: 'app-form-errors',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'block' },
  template: `
    @if (messages().length) {
      <ul role="alert" class="m-0 pl-5 text-[var(--mat-sys-error)]">
        @for (message of messages(); track message) {
          <li>{{ message }}</li>
        }
      </ul>
    }
  `,
})
export class FormErrors {
  readonly messages = input<readonly string[]>([]);
}
