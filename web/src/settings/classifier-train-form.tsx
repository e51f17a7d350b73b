import { useState } from 'react';
import { Button, FileInput, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { useForm } from '../forms/use-form.ts';
import { useTrainClassifier, type Classifier } from './settings-api.ts';

interface Values extends Record<string, unknown> {
  name: string;
  kind: 'intent' | 'topic';
  source: 'paste' | 'csv';
  pasted: string;
  csv: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;
/** The server's minimum (src/modules/triage/workspace-classifiers.ts). */
const MIN_EXAMPLES = 20;

/** Pasted `label<TAB>text` lines as examples, with the first line that is not one. */
export const parsePasted = (text: string): { examples: { label: string; text: string }[]; badLine: number | null } => {
  const examples: { label: string; text: string }[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    const tab = raw.indexOf('\t');
    const label = tab > 0 ? raw.slice(0, tab).trim() : '';
    const body = tab > 0 ? raw.slice(tab + 1).trim() : '';
    if (!label || !body) return { examples, badLine: i + 1 };
    examples.push({ label, text: body });
  }
  return { examples, badLine: null };
};

/** Train a new classifier (or a new version of one) from pasted examples or an uploaded CSV. */
export const TrainClassifierModal = ({ names, opened, onClose, onExited }: { names: string[]; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const train = useTrainClassifier();
  const [fileName, setFileName] = useState<File | null>(null);
  const [source, setSource] = useState<Values['source']>('paste');
  const form = useForm<Values, Classifier>({
    initial: { name: '', kind: 'topic', source: 'paste', pasted: '', csv: '' },
    validate: (v) => {
      const parsed = parsePasted(v.pasted);
      const labels = new Set(parsed.examples.map((e) => e.label));
      return {
        name: !v.name.trim() ? 'Name is required' : NAME.test(v.name.trim()) ? undefined : 'Letters, digits, spaces, _ . - only, starting with a letter or digit',
        pasted:
          v.source !== 'paste' ? undefined
          : parsed.badLine ? `Line ${parsed.badLine} is not label<TAB>text`
          : parsed.examples.length < MIN_EXAMPLES || labels.size < 2 ? `Give at least ${MIN_EXAMPLES} examples of at least 2 labels (${parsed.examples.length} so far)`
          : undefined,
        csv: v.source === 'csv' && !v.csv.trim() ? 'Choose a CSV file of text,label lines' : undefined,
      };
    },
    submit: (v) =>
      train.mutateAsync({ name: v.name.trim(), kind: v.kind, ...(v.source === 'paste' ? { examples: parsePasted(v.pasted).examples } : { csv: v.csv }) }),
    // The server names the examples or the CSV line at fault: show it at the input used.
    mapError: (err) => {
      const first = err.problems.find((p) => p.path.startsWith('/body/examples') || p.path.startsWith('/body/csv'));
      if (!first) return null;
      const where = first.path.match(/\/(?:line|examples)\/(\d+)/)?.[1];
      return { [source === 'paste' ? 'pasted' : 'csv']: `${where ? `Line ${where}: ` : ''}${first.message}` };
    },
    onSuccess: (c) => {
      notifications.show({ message: `${c.name} trained on ${c.metrics.examples} examples${c.metrics.accuracy !== null ? `: ${Math.round(c.metrics.accuracy * 100)} % accurate` : ''}`, color: 'teal' });
      onClose();
    },
  });

  const readFile = async (file: File | null) => {
    setFileName(file);
    form.setField('csv', file ? await file.text() : '');
  };

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title="Train a classifier" size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label="Train a classifier">
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <Group grow align="flex-start">
            <TextInput label="Name" required data-autofocus description={names.length ? `An existing name trains a new version of it` : 'e.g. product-area'} {...form.text('name')} />
            <Select label="Kind" data={[{ value: 'topic', label: 'Topic' }, { value: 'intent', label: 'Intent' }]} allowDeselect={false} {...form.pick('kind')} onChange={(v) => v && form.setField('kind', v as Values['kind'])} />
          </Group>
          <SegmentedControl
            aria-label="Examples from"
            value={form.values.source}
            onChange={(v) => {
              form.setField('source', v as Values['source']);
              setSource(v as Values['source']);
            }}
            data={[{ value: 'paste', label: 'Paste examples' }, { value: 'csv', label: 'Upload CSV' }]}
          />
          {form.values.source === 'paste' ? (
            <Textarea
              label="Examples"
              description="One per line: label, a tab, then the text. A label “oos” marks texts that fit no label."
              autosize
              minRows={6}
              maxRows={14}
              placeholder={'billing\tI was charged twice this month\nshipping\tMy parcel never arrived'}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...form.text('pasted')}
            />
          ) : (
            <FileInput label="CSV file" description="text,label per line; a header line is allowed" accept=".csv,text/csv" value={fileName} onChange={(f) => void readFile(f)} error={form.errors.csv} name="csv" clearable />
          )}
          <Text fz="xs" c="dimmed">
            A fifth of the examples is held out to measure accuracy and decide when the classifier should abstain.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Train
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
