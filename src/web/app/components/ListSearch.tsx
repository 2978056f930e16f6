import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { limits } from '../../../shared/limits';

/** A search box for a list whose text lives in the URL; searches on Enter or clear. */
export function ListSearch({ value, onSearch, placeholder, width = 280 }: { value: string; onSearch: (q: string) => void; placeholder: string; width?: number }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input.Search
      allowClear
      value={text}
      maxLength={limits.searchMax}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '' && value !== '') onSearch('');
      }}
      onSearch={(q) => onSearch(q.trim())}
      style={{ width, maxWidth: '100%' }}
    />
  );
}
