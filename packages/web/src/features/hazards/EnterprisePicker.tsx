import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/labels';
import type { Enterprise } from '../../api/types';
import { api } from '../../api/client';
import { fetchEnterprises } from '../enterprises/enterprises.api';

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** The picked enterprise, for the criteria sectors that apply to it. */
  onPicked?: (e: Enterprise | null) => void;
  id?: string;
}

/** Searches the enterprises in the user's scope by name or credit code. */
export function EnterprisePicker({ value, onChange, onPicked, id }: Props) {
  const { t } = useTranslation();
  const l = useLabels();
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const q = useQuery({
    queryKey: ['enterprises', 'picker', keyword],
    queryFn: () => fetchEnterprises({ keyword: keyword || undefined, page: 1, pageSize: 20 }),
    staleTime: 30_000,
    meta: { silent: true },
  });
  const [picked, setPicked] = useState<Enterprise | null>(null);
  const items = q.data?.items ?? [];
  // A value set from outside (a link, the URL) that is not among the options: load its name, so the
  // box shows the enterprise and not its id.
  const unknown = !!value && picked?.id !== value && !items.some((e) => e.id === value);
  const given = useQuery({
    queryKey: ['enterprises', 'picker-value', value],
    enabled: unknown,
    queryFn: ({ signal }) =>
      api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(value!)}`, {}, signal),
    staleTime: 300_000,
    meta: { silent: true },
  });
  const extra = [picked, given.data].filter(
    (e): e is Enterprise => !!e && e.id === value && !items.some((x) => x.id === e.id),
  );
  const options = [...extra.slice(0, 1), ...items].map((e) => ({
    value: e.id,
    label: `${e.name}（${l.district(e.districtCode, e.districtName)}）`,
    e,
  }));

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      value={value}
      placeholder={t('hazard.enterpriseSearch')}
      notFoundContent={
        q.isFetching ? (
          <Spin size="small" />
        ) : q.isError ? (
          (q.error?.message ?? t('errors.unknown'))
        ) : undefined
      }
      status={q.isError ? 'error' : undefined}
      options={options}
      onChange={(v: string | undefined, opt) => {
        const e = (Array.isArray(opt) ? null : (opt as { e?: Enterprise } | undefined)?.e) ?? null;
        setPicked(e);
        onPicked?.(e);
        onChange?.(v);
      }}
      data-testid="enterprise-picker"
    />
  );
}
