export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  billing: {
    Tables: {
      invoices: {
        Row: {
          account_id: number
          id: string
          lines: Json[]
          status: Database["billing"]["Enums"]["status"]
        }
        Insert: {
          account_id: number
          id?: string
          lines: Json[]
          status?: Database["billing"]["Enums"]["status"]
        }
        Update: {
          account_id?: number
          id?: string
          lines?: Json[]
          status?: Database["billing"]["Enums"]["status"]
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      status: "open" | "paid"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
  public: {
    Tables: {
      account_settings: {
        Row: {
          account_id: number
          theme: string
        }
        Insert: {
          account_id: number
          theme?: string
        }
        Update: {
          account_id?: number
          theme?: string
        }
        Relationships: [
          {
            foreignKeyName: "account_settings_account_id_fkey"
            columns: ["account_id"]
            isOneToOne: true
            referencedRelation: "accounts"
            referencedColumns: ["id"]
          },
        ]
      }
      accounts: {
        Row: {
          active: boolean
          avatar: string | null
          balance: number
          born: string | null
          created_at: string
          "display name": string | null
          email: string
          from: string | null
          home: Database["public"]["CompositeTypes"]["address"] | null
          id: number
          lifetime: unknown | null
          moods: Database["public"]["Enums"]["mood"][] | null
          score: number | null
          seq: number
          settings: Json | null
          tags: string[]
          wakes_at: string | null
        }
        Insert: {
          active?: boolean
          avatar?: string | null
          balance: number
          born?: string | null
          created_at?: string
          "display name"?: never
          email: string
          from?: string | null
          home?: Database["public"]["CompositeTypes"]["address"] | null
          id?: never
          lifetime?: unknown | null
          moods?: Database["public"]["Enums"]["mood"][] | null
          score?: number | null
          seq?: number
          settings?: Json | null
          tags?: string[]
          wakes_at?: string | null
        }
        Update: {
          active?: boolean
          avatar?: string | null
          balance?: number
          born?: string | null
          created_at?: string
          "display name"?: never
          email?: string
          from?: string | null
          home?: Database["public"]["CompositeTypes"]["address"] | null
          id?: never
          lifetime?: unknown | null
          moods?: Database["public"]["Enums"]["mood"][] | null
          score?: number | null
          seq?: number
          settings?: Json | null
          tags?: string[]
          wakes_at?: string | null
        }
        Relationships: []
      }
    }
    Views: {
      account_totals: {
        Row: {
          accounts: number | null
          balance: number | null
        }
        Relationships: []
      }
      active_accounts: {
        Row: {
          balance: number | null
          email: string | null
          id: number | null
          label: string | null
        }
        Insert: {
          balance?: number | null
          email?: string | null
          id?: number | null
          label?: never
        }
        Update: {
          balance?: number | null
          email?: string | null
          id?: number | null
          label?: never
        }
        Relationships: []
      }
    }
    Functions: {
      account_count: {
        Args: never
        Returns: number
      }
      account_ids: {
        Args: { min_balance?: number }
        Returns: number[]
      }
      add:
        | {
            Args: { a: number; b: number }
            Returns: number
          }
        | {
            Args: { a: string; b: string }
            Returns: string
          }
      first_account: {
        Args: never
        Returns: {
          balance: number | null
          email: string | null
          id: number | null
          label: string | null
        }
      }
      ping: {
        Args: never
        Returns: undefined
      }
      rich_accounts: {
        Args: { min_balance: number }
        Returns: {
          active: boolean
          avatar: string | null
          balance: number
          born: string | null
          created_at: string
          "display name": string | null
          email: string
          from: string | null
          home: Database["public"]["CompositeTypes"]["address"] | null
          id: number
          lifetime: unknown | null
          moods: Database["public"]["Enums"]["mood"][] | null
          score: number | null
          seq: number
          settings: Json | null
          tags: string[]
          wakes_at: string | null
        }[]
      }
      shout: {
        Args: { "": string }
        Returns: string
      }
      split_name: {
        Args: { full_name: string }
        Returns: {
          first: string
          last: string
        }
      }
    }
    Enums: {
      mood: "happy" | "sad"
    }
    CompositeTypes: {
      address: {
        street: string | null
        zip: number | null
      }
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  billing: {
    Enums: {
      status: ["open", "paid"],
    },
  },
  public: {
    Enums: {
      mood: ["happy", "sad"],
    },
  },
} as const
